package dev.exhibit.cli;

import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code exhibit analyze dfxml}: Digital Forensics XML as fiwalk writes it (docs/analyze.md). */
@Command(
        name = "dfxml",
        mixinStandardHelpOptions = true,
        description = {
            "Write Digital Forensics XML as fiwalk does.",
            "One fileobject per name, deleted and orphan ones included, with its metadata, times in UTC to the"
                    + " nanosecond, byte runs and digests; names that XML cannot hold are escaped reversibly."
        })
final class AnalyzeDfxml extends AnalyzeCommand.OnImage implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, which must not exist.")
    Path out;

    @Option(
            names = "--hash",
            paramLabel = "ALGORITHMS",
            description = "The digests of each file's content: md5, sha1, sha256 or sha512, comma-separated"
                    + " (md5,sha1 when not given, as fiwalk).")
    String hash;

    @Override
    public Integer call() throws IOException {
        List<HashAlgorithm> algorithms =
                AnalyzeCommand.algorithms(hash, List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1));
        FileListing.Request request = new FileListing.Request(
                requireImage(),
                AnalyzeCommand.Where.of(where),
                FileListing.Format.DFXML,
                true,
                false,
                null,
                0,
                ContentOptions.of(algorithms, false));
        Sandbox.files(request, AnalyzeCommand.output(spec, out), diagnostics());
        return done();
    }
}

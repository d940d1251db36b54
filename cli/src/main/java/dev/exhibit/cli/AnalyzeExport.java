package dev.exhibit.cli;

import dev.exhibit.analyze.Export;
import dev.exhibit.analyze.Glob;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exhibit analyze export}: files written out with their streams and recorded times and a manifest, all of
 * them as tsk_recover selects them, those matching {@code --path}, or those {@code --list} names (docs/analyze.md).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Extract files as tsk_recover does, with their NTFS streams, recorded times and a manifest.",
            "Into DEST/files/ (p1/, p2/... per partition), names made safe for this machine, a named stream"
                    + " beside its file as NAME%3ASTREAM, modification and access times as recorded;"
                    + " DEST/manifest.jsonl maps each file to its image path, stream, inode address, times and"
                    + " SHA-256. DEST must be new or empty."
        })
final class AnalyzeExport extends AnalyzeCommand.OnImage implements Callable<Integer> {
    @Parameters(index = "1", paramLabel = "DEST", description = "The directory to create.")
    Path dest;

    @Option(names = "--deleted", description = "Only deleted files (tsk_recover's default; -e gives all).")
    boolean deleted;

    @Option(
            names = "--path",
            paramLabel = "GLOB",
            description = "Only files whose path matches GLOB (as analyze files --path: *.jpg, /Users/**/*.lnk).")
    String pathGlob;

    @Option(
            names = "--list",
            paramLabel = "FILE",
            description = "Exactly the files FILE names, one per line: a path from the root or an inode address"
                    + " as fls writes it (12, 66-128-4), either after p2: to say the partition; - reads"
                    + " standard input. Empty and system files too.")
    String list;

    @Override
    public Integer call() throws IOException {
        if (list != null && (deleted || pathGlob != null)) {
            throw ExhibitException.usage(
                    "--list names exactly the files to export: give it without --deleted" + " and --path");
        }
        if (pathGlob != null) {
            Glob.parse(pathGlob);
        }
        Export.Request request = new Export.Request(
                requireImage(),
                dest,
                AnalyzeCommand.Where.of(where),
                deleted,
                pathGlob,
                list == null ? null : listItems(),
                0,
                false);
        Export.Result r = Sandbox.export(request, diagnostics());
        spec.commandLine().getOut().println("exhibit: " + Export.describe(r, dest));
        return done();
    }

    private List<String> listItems() throws IOException {
        List<String> lines;
        if (list.equals("-")) {
            lines = new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } else {
            try {
                lines = Files.readAllLines(Path.of(list), StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                throw ExhibitException.usage("--list " + list + " is not UTF-8 text (name files that are not"
                        + " UTF-8 by their inode address, or by their path as exhibit analyze files shows it)");
            }
        }
        return Export.list(lines, list.equals("-") ? "standard input" : list);
    }
}

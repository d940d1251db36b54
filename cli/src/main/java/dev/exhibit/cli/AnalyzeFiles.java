package dev.exhibit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Glob;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.hashset.HashSetChoice;
import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.analyze.hashset.HashSetResults;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.AnalysisDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code exhibit analyze files}: the listing, as a table, JSON Lines or a body file (docs/analyze.md). */
@Command(
        name = "files",
        mixinStandardHelpOptions = true,
        description = {
            "List every file and directory, deleted and orphan ones included.",
            "A table on a terminal (times in UTC), JSON Lines when piped or with --json, or with --bodyfile the"
                    + " lines of fls -r -m / (of tsk_gettimes for a whole image with partitions: paths under"
                    + " volN/, N being mmls's address)."
        })
final class AnalyzeFiles extends AnalyzeCommand.OnImage implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    Form form;

    @Option(names = "--no-orphans", description = "Skip the orphan search (and the $OrphanFiles directory).")
    boolean noOrphans;

    @Option(
            names = "--deleted",
            description = "Only deleted names (unallocated directory entries, orphans included), as fls -d.")
    boolean deleted;

    @Option(
            names = "--path",
            paramLabel = "GLOB",
            description = "Only paths matching GLOB: * ? [a-z] {a,b} within a name, ** across directories;"
                    + " without a / it matches the name (*.jpg), with one the path from the root"
                    + " (/Users/*/Desktop/**). Case counts.")
    String pathGlob;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, which must not exist.")
    Path out;

    @Option(
            names = "--hash",
            paramLabel = "ALGORITHMS",
            description = "Read every data stream (regular files, NTFS streams, deleted ones too) and add its digests:"
                    + " md5, sha1, sha256 or sha512, comma-separated (md5,sha1,sha256).")
    String hash;

    @Option(
            names = "--hashset",
            paramLabel = "NAME",
            description = "Look every data stream's digests up in the hash set NAME (repeat it for more): JSON Lines"
                    + " gives each stream the sets that hold it, and stderr lists notable streams and counts known"
                    + " and notable ones. Without --hash, the digests the sets hold are computed.")
    List<String> hashSets;

    @picocli.CommandLine.Mixin
    HashsetCommand.StoreOption store = new HashsetCommand.StoreOption();

    @picocli.CommandLine.Mixin
    CaseItem caseItem = new CaseItem();

    @Option(
            names = "--types",
            description = "Add each data stream's media type, found from its content, and whether the name's"
                    + " extension contradicts it.")
    boolean types;

    /** How the listing is written; by default a table on a terminal, JSON Lines anywhere else. */
    static final class Form {
        @Option(names = "--table", description = "A table for reading (the default on a terminal).")
        boolean table;

        @Option(names = "--json", description = "JSON Lines (the default when not on a terminal).")
        boolean json;

        @Option(names = "--bodyfile", description = "A TSK 3.x body file, byte for byte fls -m's.")
        boolean bodyfile;

        @Option(
                names = "--hashdeep",
                description = "A hashdeep list (md5,sha256 unless --hash says otherwise) of the files exhibit"
                        + " analyze export writes, named as it names them, for hashdeep -a -k.")
        boolean hashdeep;
    }

    @Override
    public Integer call() throws IOException {
        if (caseItem.given()) {
            return intoCase();
        }
        requireImage();
        Sandbox.files(request(), AnalyzeCommand.output(spec, out), diagnostics());
        return done();
    }

    /** {@code --case CASE --id ID}: the whole JSON Lines listing, and the hash sets' results, kept in the case. */
    private int intoCase() throws IOException {
        CaseItem.refuse(form != null && !form.json, "--table, --bodyfile or --hashdeep", AnalysisDirectory.FILES);
        CaseItem.refuse(out != null, "--out", AnalysisDirectory.FILES);
        CaseItem.refuse(deleted, "--deleted", AnalysisDirectory.FILES);
        CaseItem.refuse(pathGlob != null, "--path", AnalysisDirectory.FILES);
        AnalysisDirectory analysis = caseItem.open();
        analysis.requireNew(AnalysisDirectory.FILES);
        if (hashSets != null) {
            analysis.requireNew(AnalysisDirectory.HASHSETS);
        }
        image = caseItem.image(image, analysis);
        FileListing.Request request = request();
        List<HashSetManifest> sets = new ArrayList<>();
        for (String n : hashSets == null ? List.<String>of() : hashSets) {
            sets.add(store.store().manifest(n));
        }
        Path listing = analysis.temporary(AnalysisDirectory.FILES);
        try {
            Sandbox.files(request, new Sandbox.Output.File(listing), diagnostics());
            CaseItem.kept(spec, analysis, analysis.publish(AnalysisDirectory.FILES, listing, Main.invocation()));
        } finally {
            Files.deleteIfExists(listing);
        }
        if (!sets.isEmpty()) {
            ObjectNode results = HashSetResults.of(analysis.directory().resolve(AnalysisDirectory.FILES), sets);
            Path json = analysis.temporary(AnalysisDirectory.HASHSETS);
            try {
                Files.write(json, Jcs.canonicalBytes(results));
                CaseItem.kept(spec, analysis, analysis.publish(AnalysisDirectory.HASHSETS, json, Main.invocation()));
            } finally {
                Files.deleteIfExists(json);
            }
        }
        return done();
    }

    private FileListing.Request request() throws IOException {
        if (pathGlob != null) {
            Glob.parse(pathGlob);
        }
        return new FileListing.Request(
                image,
                AnalyzeCommand.Where.of(where),
                format(),
                !noOrphans,
                deleted,
                pathGlob,
                0,
                ContentOptions.of(algorithms(), types).lookingUp(hashSetChoice()));
    }

    private List<HashAlgorithm> algorithms() throws IOException {
        if (hash == null && hashSets != null) {
            return AnalyzeHashSets.algorithms(store.store(), hashSets);
        }
        // without --hash, hashdeep's own default
        return AnalyzeCommand.algorithms(
                hash, form != null && form.hashdeep ? List.of(HashAlgorithm.MD5, HashAlgorithm.SHA256) : List.of());
    }

    private HashSetChoice hashSetChoice() throws IOException {
        if (hashSets == null) {
            return HashSetChoice.NONE;
        }
        AnalyzeHashSets.check(store.store(), hashSets, algorithms());
        return new HashSetChoice(store.store().directory(), hashSets);
    }

    private FileListing.Format format() {
        if (form != null && form.bodyfile) {
            return FileListing.Format.BODYFILE;
        }
        if (form != null && form.hashdeep) {
            return FileListing.Format.HASHDEEP;
        }
        if (form != null && form.table) {
            return FileListing.Format.TABLE;
        }
        if (form != null && form.json) {
            return FileListing.Format.JSON_LINES;
        }
        return out == null && Main.stdout().process() && terminal()
                ? FileListing.Format.TABLE
                : FileListing.Format.JSON_LINES;
    }

    /** Whether this process talks to a terminal (the JDK's test: standard input and output both are one). */
    static boolean terminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}

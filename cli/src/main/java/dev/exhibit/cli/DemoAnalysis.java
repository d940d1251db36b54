package dev.exhibit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The demo's analyst's day: two small hash sets imported into a store of the demo's own (a known one made from the
 * photos on the disk, standing in for NSRL, and a notable one holding the MD5 of a document from an earlier case),
 * every file hashed, typed and looked up with the results kept in the case, and the item's timeline, of which the
 * first lines are shown.
 */
final class DemoAnalysis {
    /** The document "an earlier case" flagged: the text of the sample disk's deleted Private/plan.txt. */
    static final String EARLIER_CASE_DOCUMENT = "Move the money before the audit on the 15th.\r\n";

    static final int TIMELINE_LINES = 8;

    /** Runs one exhibit command as the demo does (printed first, the demo stops if it fails). */
    interface Runner {
        void run(String... args);
    }

    private DemoAnalysis() {}

    /** Imports the two sets into {@code store} from lists written in {@code lists}. */
    static void importHashSets(Runner runner, PrintWriter out, Path acquired, Path lists, Path store)
            throws IOException {
        Files.createDirectories(lists);
        Path photos = lists.resolve("photos.hashdeep");
        runner.run(
                "analyze",
                "files",
                acquired.toString(),
                "--path",
                "*.jpg",
                "--hashdeep",
                "--hash",
                "md5,sha256",
                "--out",
                photos.toString());
        runner.run(
                "hashset",
                "import",
                "demo-known",
                photos.toString(),
                "--kind",
                "known",
                "--description",
                "the photos on the sample disk (standing in for NSRL)",
                "--store",
                store.toString());
        Path earlier = lists.resolve("earlier-case.md5");
        Files.writeString(earlier, md5(EARLIER_CASE_DOCUMENT) + "  plan.txt\n");
        out.println("  (" + earlier + ": the md5sum line of a document flagged in an earlier case)");
        runner.run(
                "hashset",
                "import",
                "demo-notable",
                earlier.toString(),
                "--kind",
                "notable",
                "--description",
                "documents of interest from case DEMO-2025-007",
                "--store",
                store.toString());
    }

    /** Hashes, types and looks up every file of the item, then builds its timeline; both are kept in the case. */
    static void keepInCase(Runner runner, PrintWriter out, Path caseDir, String id, Path store) throws IOException {
        runner.run(
                "analyze",
                "files",
                "--case",
                caseDir.toString(),
                "--id",
                id,
                "--hash",
                "md5,sha1,sha256",
                "--types",
                "--hashset",
                "demo-known",
                "--hashset",
                "demo-notable",
                "--store",
                store.toString());
        runner.run("timeline", "--case", caseDir.toString(), "--id", id);
        Path timeline = caseDir.resolve("evidence").resolve(id).resolve("analysis/timeline.jsonl");
        out.println("  The first " + TIMELINE_LINES + " events of " + timeline + " (UTC, MACB, partition, path):");
        try (BufferedReader r = Files.newBufferedReader(timeline, StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; i < TIMELINE_LINES && (line = r.readLine()) != null; i++) {
                JsonNode e = Jcs.mapper().readTree(line);
                // the message is Exhibit's display form: hostile bytes are badges already
                out.println("    " + e.path("datetime").asText() + " "
                        + e.path("macb").asText() + " " + e.path("partition").asText("-") + " "
                        + e.path("message").asText());
            }
        }
        out.flush();
    }

    private static String md5(String text) {
        return HexFormat.of().formatHex(HashAlgorithm.MD5.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

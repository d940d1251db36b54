package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.report.fixtures.PrintedReport;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed report of a GPT disk acquired as E01 and analysed, as the demo makes one: what a reader sees of the E01
 * options, of the bytes the set holds, and of the identifiers an examiner cites for each partition and file system
 * (issue 13 B.1, B.2).
 */
class ReportOfAnE01DiskTest {
    @TempDir
    static Path tmp;

    static Path disk;
    static JsonNode summary;
    static PrintedReport paper;

    @BeforeAll
    static void acquireAnalyseAndPrint() throws Exception {
        disk = TestImages.get("gpt");
        Path caseDir = tmp.resolve("case");
        ok("case", "init", caseDir.toString(), "--number", "42", "--title", "t", "--examiner", "Jane");
        ok("acquire", disk.toString(), "--case", caseDir.toString(), "--id", "EV-001", "--format", "e01");
        Path item = caseDir.resolve("evidence/EV-001");
        ok(
                "analyze",
                item.resolve("image.E01").toString(),
                "--out",
                item.resolve("analysis.json").toString());
        // signed, as the demo's: an unsigned report's DRAFT watermark would mix its letters into the text
        CliKeys examiner = CliKeys.examiner(tmp, "examiner", "CN=Jane");
        CliRunner.Result built = ok(examiner.reportBuild(caseDir));
        Path html = Path.of(built.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        summary = Jcs.mapper().readTree(item.resolve("analysis.json").toFile());
        paper = PrintedReport.print(new Chromium(tmp.resolve("chromium")), html, tmp.resolve("report.pdf"));
    }

    @Test
    void options_ofAnE01_areLabelledRowsWithUnits_notKeysOfTheLog() {
        String options = paper.section("Acquisition options", "Hashes");
        assertThat(options)
                .containsPattern("Image format\\s+E01 \\(Expert Witness Format\\)")
                .containsPattern("E01 compression\\s+fast")
                .containsPattern("E01 chunk size\\s+64 sectors, 32\\.00 KiB \\(32,768 bytes\\)")
                .containsPattern("E01 segment size\\s+at most 1\\.46 GiB \\(1,572,864,000 bytes\\) per file")
                .containsPattern("Time-stamp authority\\s+none asked for");
        assertThat(Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b")
                        .matcher(options)
                        .results())
                .as("camelCase keys of the start record's options")
                .isEmpty();
    }

    @Test
    void statements_sayTheMediaBytesAreStoredInTheSet_notThatTheFileHoldsThem() throws Exception {
        String statements = paper.section("Statements of fact", "How to verify").replaceAll("\\s+", " ");
        long media = Files.size(disk);
        long file = Files.size(tmp.resolve("case/evidence/EV-001/image.E01"));
        assertThat(statements)
                .doesNotContain(media + " bytes were written to image.E01")
                .contains(String.format(
                        Locale.ROOT,
                        "%d bytes of media were stored, compressed, in the E01 set image.E01 (1 segment file of"
                                + " %d bytes in all).",
                        media,
                        file));
    }

    /** The MD5 and SHA-1 the set stores are the acquired ones: said so, without stating each value a second time. */
    @Test
    void statements_stateEachAcquiredHashOnce_theSetsOwnHashesIncluded() throws Exception {
        String statements = paper.section("Statements of fact", "How to verify").replaceAll("\\s+", " ");
        for (String algorithm : java.util.List.of("md5", "sha1", "sha256")) {
            String value = Acquisitions.sum(algorithm, disk);
            assertThat(statements.split(java.util.regex.Pattern.quote(value), -1))
                    .as("%s %s stated once", algorithm, value)
                    .hasSize(2);
        }
        assertThat(statements)
                .contains("The E01 set image.E01 stores the same MD5 and SHA-1 in its own hash sections, read back"
                        + " when it was finished.");
    }

    /** GPT entry, partition GUID and type as sfdisk reads them; each file system's UUID or serial as analyze did. */
    @Test
    void partitionsAndFileSystems_showTheIdentifiersAnExaminerCites() {
        String analysis = paper.section("Analysis of the image", "Chain of custody events")
                .replaceAll("\\s+", " ");
        Sfdisk.Table table = Sfdisk.read(disk);
        assertThat(analysis).containsPattern("Partition table GUID Partition Table .*, disk GUID " + table.id());
        for (Sfdisk.Part p : table.partitions()) {
            assertThat(analysis)
                    .as("partition %s", p.exhibitName())
                    .containsPattern(p.exhibitName() + " \\S+ " + p.start() + " .{0,200}?GPT entry " + p.number()
                            + ", name \"" + Pattern.quote(p.name()) + "\", type " + p.type() + " \\([^)]+\\),"
                            + " partition GUID " + p.uuid());
        }
        for (JsonNode fs : summary.path("fileSystems")) {
            JsonNode id = fs.path("volumeId");
            String label = id.path("kind").asText().equals("uuid") ? "UUID" : "serial";
            assertThat(analysis)
                    .as("file system in %s", fs.path("partition").asText())
                    .containsPattern(Pattern.quote(fs.path("partition").asText()) + " "
                            + Pattern.quote(fs.path("type").asText()) + " .{0,200}?" + label + " "
                            + Pattern.quote(id.path("value").asText()));
        }
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.PrintedReport;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit demo}: the README's main command runs a whole case, and its report verifies with openssl. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demo_runsACaseFromSeizureToAVerifiedSignedReport() throws IOException {
        Path root = dir.resolve("demo");

        CliRunner.Result r = CliRunner.run("demo", root.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("$ exhibit acquire /dev/loop")
                .contains("OK: image in ")
                .contains("OK: source /dev/loop")
                .contains("Result: PASS")
                .contains("DOS Partition Table")
                .contains("label \"ALEX-USB\"")
                .contains("Part Type State")
                .contains("/home/alex/Documents/resignation draft.txt")
                .contains("$ exhibit hashset import demo-known")
                .contains("$ exhibit analyze files --case")
                .containsPattern("exhibit: kept \\S+/evidence/EV-001/analysis/hashsets.json")
                .containsPattern("exhibit: kept \\S+/evidence/EV-001/analysis/timeline.jsonl")
                .containsPattern("2024-\\d\\d-\\d\\dT[0-9:.]+Z [mac.b]{4} ")
                .contains("report:        ")
                .contains("$ exhibit index ")
                .contains("\"path\":\"/home/alex/Pictures/cat.jpg\"");
        assertThat(r.err())
                .containsPattern("notable: /Private/.lan.txt in partition p1 .* is in demo-notable")
                .contains("hash sets in partition p1 (sector 2048): 7 data streams hashed, 2 known, 1 notable")
                .contains("hash sets in partition p2 (sector 65536): 5 data streams hashed, 1 known, 0 notable");
        Path caseDir = root.resolve("case");
        List<String> events = Acquisitions.records(caseDir.resolve("custody.log.jsonl")).stream()
                .map(e -> e.path("type").asText())
                .toList();
        assertThat(events).containsExactly("case-open", "seize", "transfer", "acquire", "report");
        JsonNode end = Acquisitions.records(Acquisitions.log(caseDir.resolve("evidence/EV-001")), "end")
                .getFirst();
        assertThat(end.path("hashes").path("sha256").asText())
                .isEqualTo(Acquisitions.sum("sha256", root.resolve("sample/demo.img")));
        JsonNode analysis = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(caseDir.resolve("evidence/EV-001/analysis.json").toFile());
        assertThat(analysis.path("type").asText()).isEqualTo("exhibit.analysis-summary");
        assertThat(analysis.path("fileSystems")).hasSize(2);
        Path kept = caseDir.resolve("evidence/EV-001/analysis");
        JsonNode hashSets = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(kept.resolve("hashsets.json").toFile());
        assertThat(hashSets.at("/notable/0/path").asText()).matches("/Private/.lan.txt");
        assertThat(hashSets.at("/counts/knownStreams").asLong()).isEqualTo(3);
        assertThat(hashSets.at("/notable/0/md5").asText())
                .as("the notable hit is the deleted file's content, as icat reads it")
                .isEqualTo(Proc.run(
                                "bash",
                                "-c",
                                "icat -o 2048 '" + root.resolve("sample/demo.img") + "' "
                                        + hashSets.at("/notable/0/inode").asText() + " | md5sum")
                        .ok()
                        .stdout()
                        .substring(0, 32));
        assertThat(Files.readString(kept.resolve("files.jsonl"))).contains("\"mediaType\":\"image/jpeg\"");
        Path report;
        try (var reports = Files.list(caseDir.resolve("reports"))) {
            report = reports.findFirst().orElseThrow();
        }
        assertThat(report.resolve("report.html")).isRegularFile();
        Proc.Result cms = Openssl.cmsVerify(
                report.resolve("record.json.p7s"), report.resolve("record.json"), root.resolve("keys/examiner.pem"));
        assertThat(cms.exitCode()).as(cms.stderr()).isZero();
        assertThat(cms.stderr()).contains("Verification successful");
        assertThat(Proc.run("losetup", "-j", root.resolve("sample/demo.img").toString())
                        .ok()
                        .stdout())
                .as("the demo detaches its loop device")
                .isBlank();
        assertReadableOnPaper(report, analysis);
    }

    /** The demo's report, printed by Chromium: findings, tables of what analyze found, whole hashes, a few pages. */
    private void assertReadableOnPaper(Path report, JsonNode analysis) throws IOException {
        PrintedReport paper = PrintedReport.print(
                new Chromium(dir.resolve("chromium")), report.resolve("report.html"), dir.resolve("report.pdf"));
        String all = paper.all();
        assertThat(paper.pages()).hasSizeLessThanOrEqualTo(8);
        assertThat(paper.section("Findings of the examiner", "Details"))
                .contains("the deleted file Private/plan.txt was recovered");
        String fileSystems = paper.section("File systems", "Chain of custody events");
        for (JsonNode fs : analysis.path("fileSystems")) {
            assertThat(fileSystems)
                    .containsPattern(fs.path("partition").asText() + "\\s+"
                            + fs.path("type").asText() + "\\s+"
                            + fs.path("label").asText());
        }
        JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("record.json").toFile());
        for (JsonNode h : record.at("/evidence/0/hashes")) {
            assertThat(all)
                    .containsPattern(
                            PrintedReport.groupedOnOneLine(h.path("value").asText()));
        }
        assertThat(all).doesNotContain("descriptionBytes").doesNotContain("DRAFT");
        // the demo acquires E01: its options are labelled rows, the warrant and seal numbers stay whole, and each
        // partition and file system shows what identifies it
        assertThat(paper.section("Acquisition options", "Hashes"))
                .containsPattern("E01 compression\\s+fast")
                .doesNotContain("chunkBytes")
                .doesNotContain("timeStampAuthority");
        assertThat(paper.section("Chain of custody events", "Command lines"))
                .contains("W-DEMO-1")
                .contains("S-0001");
        assertThat(paper.section("Analysis of the image", "Chain of custody events")
                        .replaceAll("\\s+", " "))
                .contains("disk signature 0x44454d4f")
                .contains("MBR entry 1, type 0x0e")
                .contains("UUID 44454d4f-0000-4000-8000-000000000002");
        assertThat(paper.section("Notable files", "Chain of custody events")).containsPattern("/Private/.lan.txt");
    }

    @Test
    void demo_refusesADirectoryThatIsNotEmpty() throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliRunner.Result r = CliRunner.run("demo", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is not empty");
        assertThat(dir.resolve("keep.txt")).hasContent("mine");
    }
}

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
                .contains("report:        ")
                .contains("$ exhibit index ")
                .contains("\"path\":\"/home/alex/Pictures/cat.jpg\"");
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

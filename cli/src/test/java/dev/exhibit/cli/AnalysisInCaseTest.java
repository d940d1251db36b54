package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.report.fixtures.Chromium;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze files --case CASE --id ID} and {@code timeline --case CASE --id ID} on a case built by the real
 * commands from the hostile image, whose files with hostile names share one content: a notable set holding that
 * content's SHA-256 (found by icat, the oracle) flags them all, and the report shows their names escaped.
 */
class AnalysisInCaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG_NAME = "<img src=x onerror=alert(1)>.html";

    @TempDir
    static Path shared;

    static Path image;
    static Path caseDir;
    static Path analysis;
    static String store;
    static String notableSha256;
    static String knownSha256;

    @BeforeAll
    static void caseWithKeptAnalyses() throws IOException {
        image = TestImages.get("hostile");
        caseDir = shared.resolve("case");
        analysis = caseDir.resolve("evidence/EV-1/analysis");
        store = shared.resolve("store").toString();
        ok("case", "init", caseDir.toString(), "--number", "A-1", "--title", "kept", "--examiner", "Eve");
        ok("acquire", image.toString(), "--case", caseDir.toString(), "--id", "EV-1");
        notableSha256 = icatSha256(IMG_NAME);
        knownSha256 = icatSha256("inner.txt");
        Files.writeString(shared.resolve("bad.sha256"), notableSha256 + "\n");
        Files.writeString(shared.resolve("known.sha256"), knownSha256 + "\n");
        ok("hashset", "import", "bad", shared.resolve("bad.sha256").toString(), "--kind", "notable", "--store", store);
        ok(
                "hashset",
                "import",
                "clean",
                shared.resolve("known.sha256").toString(),
                "--kind",
                "known",
                "--store",
                store);
        ok(
                "analyze",
                "files",
                "--case",
                caseDir.toString(),
                "--id",
                "EV-1",
                "--hash",
                "md5,sha256",
                "--hashset",
                "clean",
                "--hashset",
                "bad",
                "--store",
                store);
        ok("timeline", "--case", caseDir.toString(), "--id", "EV-1");
    }

    @Test
    void analyzeFiles_withCase_keepsTheListingAndTheHashSetResults_withTheirSha256InTheManifest() throws IOException {
        CliRunner.Result plain = CliRunner.run(
                "analyze",
                "files",
                image.toString(),
                "--hash",
                "md5,sha256",
                "--hashset",
                "clean",
                "--hashset",
                "bad",
                "--store",
                store,
                "--json");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(Files.readString(analysis.resolve("files.jsonl")))
                .as("the listing in the case is the JSON Lines listing, unchanged")
                .isEqualTo(plain.out());

        List<String> lines = Files.readAllLines(analysis.resolve("files.jsonl"));
        long notable = lines.stream()
                .filter(l -> l.contains("\"sha256\":\"" + notableSha256 + "\""))
                .count();
        long known = lines.stream()
                .filter(l -> l.contains("\"sha256\":\"" + knownSha256 + "\""))
                .count();
        JsonNode h = JSON.readTree(analysis.resolve("hashsets.json").toFile());
        assertThat(notable).isGreaterThan(1);
        assertThat(h.path("counts").path("notableStreams").asLong()).isEqualTo(notable);
        assertThat(h.path("counts").path("knownStreams").asLong())
                .isEqualTo(known)
                .isPositive();
        assertThat(h.path("sets").findValuesAsText("name")).containsExactly("clean", "bad");
        assertThat(h.path("sets").path(1).path("sources").path(0).path("sha256").asText())
                .isEqualTo(sha256sum(shared.resolve("bad.sha256")));
        List<String> hitNames = new ArrayList<>();
        for (JsonNode hit : h.path("notable")) {
            assertThat(hit.path("sha256").asText()).isEqualTo(notableSha256);
            assertThat(hit.path("hashsets").toString()).isEqualTo("[\"bad\"]");
            hitNames.add(
                    new String(Base64.getDecoder().decode(hit.path("pathBytes").asText()), StandardCharsets.UTF_8));
        }
        assertThat(hitNames).contains("/" + IMG_NAME, "/invoice\u202etxt.exe");

        JsonNode manifest = JSON.readTree(analysis.resolve("manifest.json").toFile());
        assertThat(manifest.path("files").findValuesAsText("name"))
                .containsExactly("files.jsonl", "hashsets.json", "timeline.jsonl");
        for (JsonNode f : manifest.path("files")) {
            Path file = analysis.resolve(f.path("name").asText());
            assertThat(f.path("sha256").asText()).isEqualTo(sha256sum(file));
            assertThat(f.path("bytes").asLong()).isEqualTo(Files.size(file));
            assertThat(f.path("commandLine").asText()).contains("--case").contains("--id EV-1");
            assertThat(f.path("created").asText()).endsWith("Z");
        }
        try (var names = Files.list(analysis)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left")
                    .containsExactlyInAnyOrder("files.jsonl", "hashsets.json", "timeline.jsonl", "manifest.json");
        }
    }

    @Test
    void timeline_withCase_keepsTheItemsTimelineAsJsonLines() throws IOException {
        CliRunner.Result plain = CliRunner.run(
                "timeline", caseDir.resolve("evidence/EV-1/image.raw").toString(), "--format", "jsonl");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        List<String> kept = Files.readAllLines(analysis.resolve("timeline.jsonl"));
        assertThat(kept).hasSameSizeAs(plain.out().lines().toList());
        assertThat(kept.getFirst())
                .contains("\"image\":\"evidence/EV-1/image.raw\"")
                .contains("\"timestamp_desc\"");
    }

    @Test
    void reportBuild_carriesHashSetsAndNotableHits_andShowsHostileNamesEscaped() throws IOException {
        Path copy = copyOfCase("report");
        Path report = signedReport(copy);
        JsonNode record = JSON.readTree(report.resolve("record.json").toFile());
        JsonNode item = record.path("evidence").path(0);
        assertThat(item.path("analysisFiles").findValuesAsText("file"))
                .containsExactly(
                        "evidence/EV-1/analysis/files.jsonl",
                        "evidence/EV-1/analysis/hashsets.json",
                        "evidence/EV-1/analysis/timeline.jsonl");
        assertThat(item.path("analysisFiles").path(1).path("sha256").asText())
                .isEqualTo(sha256sum(copy.resolve("evidence/EV-1/analysis/hashsets.json")));
        assertThat(item.path("hashSets").path("sets").path(1).path("kind").asText())
                .isEqualTo("notable");
        assertThat(item.path("hashSets").path("counts").path("notableStreams").asLong())
                .isEqualTo(item.path("hashSets").path("notable").size());
        assertThat(record.at("/statements/0/facts").toString())
                .contains("The digests of "
                        + item.at("/hashSets/counts/hashedStreams").asLong()
                        + " data streams were looked up in the hash sets clean (known) and bad (notable)")
                .contains("The analysis file evidence/EV-1/analysis/hashsets.json");

        CliRunner.Result v = CliRunner.run("report", "verify", report.toString());
        assertThat(v.out()).as(v.toString()).doesNotContain("FAIL").contains("PASS  record.json content");

        String dom = new Chromium(shared.resolve("chromium")).dumpDom(report.resolve("report.html"));
        assertThat(dom).contains("Hash sets consulted").contains("Notable files");
        assertThat(dom).doesNotContainPattern("<(img|script|iframe)[\\s>]");
        assertThat(dom).contains("/&lt;img src=x onerror=alert(1)&gt;.html");
        assertThat(dom).contains("/invoice<span class=\"cc\" title=\"right-to-left override\">⟨U+202E⟩</span>txt.exe");
        assertThat(dom).contains("/bad_<span class=\"cc\"");
        assertThat(dom.replaceAll("</span><span class=\"g\">", "")).contains(notableSha256);
    }

    @Test
    void reportVerify_failsNamingAnEditedHashSetsOrListingFile_andBuildRefusesIt() throws IOException {
        Path copy = copyOfCase("tamper");
        Path report = signedReport(copy);
        for (String name : List.of("hashsets.json", "files.jsonl")) {
            Path file = copy.resolve("evidence/EV-1/analysis/" + name);
            byte[] original = Files.readAllBytes(file);
            Files.writeString(file, Files.readString(file).replace(notableSha256, knownSha256));
            CliRunner.Result v = CliRunner.run("report", "verify", report.toString());
            assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.EVIDENCE);
            assertThat(v.out())
                    .containsPattern("FAIL  record.json content: record.json /evidence/0/analysisFiles/\\d/sha256 is \""
                            + "[0-9a-f]{64}\", but evidence/EV-1/analysis/" + name.replace(".", "\\.") + " gives");
            CliRunner.Result build = CliRunner.run("report", "build", copy.toString());
            assertThat(build.exit()).isEqualTo(ExitCodes.EVIDENCE);
            assertOneLineError(build).contains("cannot build a report: evidence/EV-1/analysis/" + name);
            Files.write(file, original);
        }
    }

    @Test
    void analyzeFiles_withCase_refusesAnItemNotInTheCase_aKeptFile_andABrokenCustodyChain() throws IOException {
        CliRunner.Result missing = CliRunner.run("analyze", "files", "--case", caseDir.toString(), "--id", "EV-9");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(missing).contains("has no item EV-9").contains("items: EV-1");

        CliRunner.Result again = CliRunner.run("analyze", "files", "--case", caseDir.toString(), "--id", "EV-1");
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(again).contains("evidence/EV-1/analysis/files.jsonl exists");

        CliRunner.Result table =
                CliRunner.run("analyze", "files", "--case", caseDir.toString(), "--id", "EV-1", "--table");
        assertThat(table.exit()).isEqualTo(ExitCodes.USAGE);

        Path broken = copyOfCase("broken");
        Path custody = broken.resolve("custody.log.jsonl");
        Files.writeString(custody, Files.readString(custody).replaceFirst("--title kept", "--title edit"));
        Files.delete(broken.resolve("evidence/EV-1/analysis/timeline.jsonl"));
        CliRunner.Result chain = CliRunner.run("timeline", "--case", broken.toString(), "--id", "EV-1");
        assertThat(chain.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertOneLineError(chain).contains("cannot keep the analysis in case").contains("custody.log.jsonl");
        assertThat(broken.resolve("evidence/EV-1/analysis/timeline.jsonl")).doesNotExist();
    }

    private static Path copyOfCase(String name) {
        Path copy = shared.resolve(name);
        Proc.run("cp", "-a", caseDir.toString(), copy.toString()).ok();
        return copy;
    }

    private static Path signedReport(Path theCase) throws IOException {
        Path password = Files.writeString(shared.resolve("pw-" + theCase.getFileName()), "kept-analyses\n");
        Path key = shared.resolve("examiner-" + theCase.getFileName() + ".p12");
        ok("keys", "init", "--out", key.toString(), "--subject", "CN=Eve", "--password-file", password.toString());
        ok("report", "build", theCase.toString(), "--sign", key.toString(), "--password-file", password.toString());
        try (var reports = Files.list(theCase.resolve("reports"))) {
            return reports.findFirst().orElseThrow();
        }
    }

    /** The SHA-256 of a file of the image by The Sleuth Kit: its inode from fls, its content from icat. */
    private static String icatSha256(String name) {
        String inode = Proc.run("fls", "-r", "-p", image.toString())
                .ok()
                .stdout()
                .lines()
                .filter(l -> l.endsWith("/" + name) || l.endsWith("\t" + name))
                .findFirst()
                .orElseThrow()
                .replaceFirst("^\\S+ (?:\\* )?([0-9-]+):.*", "$1");
        return Proc.run("bash", "-c", "icat '" + image + "' " + inode + " | sha256sum")
                .ok()
                .stdout()
                .substring(0, 64);
    }

    private static String sha256sum(Path file) {
        return Proc.run("sha256sum", file.toString()).ok().stdout().substring(0, 64);
    }

    private static void ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code exhibit analyze}, end to end through picocli and the sandbox worker; every run proves the image unchanged. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    private static CliRunner.BytesResult analyze(String image, String... args) {
        Unchanged before = Unchanged.of(TestImages.segments(image));
        CliRunner.BytesResult r = CliRunner.runBytes(args);
        before.verify();
        return r;
    }

    @Test
    void summary_showsThePartitionTableAsMmlsAndTheFileSystems() {
        Path image = TestImages.get("mbr");
        CliRunner.BytesResult r = analyze("mbr", "analyze", image.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.text()).contains(Tsk.run("mmls", image.toString()).ok().stdout());
        assertThat(r.text()).contains("label \"MBR-NTFS\"").contains("files: ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void summary_json_isCanonicalAndOfTheTypeTheReportReads() throws Exception {
        CliRunner.BytesResult r =
                analyze("gpt", "analyze", TestImages.get("gpt").toString(), "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        byte[] json = r.text().strip().getBytes(StandardCharsets.UTF_8);
        assertThat(Jcs.isCanonical(json)).isTrue();
        JsonNode s = Jcs.mapper().readTree(json);
        assertThat(s.path("type").asText()).isEqualTo("exhibit.analysis-summary");
        assertThat(s.path("invocation").path("commandLine").asText()).startsWith("exhibit analyze ");
        assertThat(s.path("volumeSystem").path("partitions"))
                .hasSize(Tsk.mmls(TestImages.get("gpt")).size());
        assertThat(s.path("fileSystems")).hasSize(4);
    }

    /** The summary written where a case keeps it is what the report draws its partition table from. */
    @Test
    void summary_out_isWhatTheReportReadsFromACase() throws Exception {
        Path caseDir = tmp.resolve("case");
        Path analysis = dev.exhibit.report.fixtures.CaseFixture.make(
                        caseDir, new dev.exhibit.report.fixtures.AcquisitionFixture())
                .analysis();
        Files.delete(analysis);
        CliRunner.BytesResult r =
                analyze("mbr", "analyze", TestImages.get("mbr").toString(), "--out", analysis.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        CliRunner.Result report = CliRunner.run("report", "build", caseDir.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        String html = Files.readString(
                Path.of(report.out().strip().lines().reduce((a, b) -> b).orElseThrow()));
        for (Tsk.MmlsRow row : Tsk.mmls(TestImages.get("mbr"))) {
            assertThat(html)
                    .contains("<td class=\"num\">" + row.startSector() + "</td><td class=\"num\">" + row.lengthSectors()
                            + "</td>");
        }
        assertThat(html).contains("<td>ntfs</td><td>MBR-NTFS</td>").contains("<td>fat12</td><td>MBR-FAT12</td>");
    }

    @Test
    void summary_out_writesANewFileAndNeverOverwrites() {
        Path file = tmp.resolve("analysis.json");
        CliRunner.BytesResult r =
                analyze("fat12", "analyze", TestImages.get("fat12").toString(), "--out", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(file).isRegularFile();
        CliRunner.BytesResult again =
                analyze("fat12", "analyze", TestImages.get("fat12").toString(), "--out", file.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err())
                .startsWith("exhibit: error: ")
                .contains("exists")
                .doesNotContain("\tat ");
    }

    @Test
    void files_bodyfile_isFlsLineForLine_rawNamesIncluded() {
        Path image = TestImages.get("ext4");
        CliRunner.BytesResult r = analyze("ext4", "analyze", "files", "--bodyfile", image.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Tsk.bodyfile(image, 0, null));
    }

    @Test
    void files_bodyfileOfAWholeImage_isTskGettimesLineForLine() {
        Path image = TestImages.get("e01");
        CliRunner.BytesResult r = analyze("e01", "analyze", "files", "--bodyfile", image.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Tsk.gettimes(image));
    }

    @Test
    void files_partitionAndOffsetSelectTheSameFileSystem() {
        Path image = TestImages.get("gpt");
        CliRunner.BytesResult byPartition =
                analyze("gpt", "analyze", "files", "--bodyfile", "--partition", "7", image.toString());
        CliRunner.BytesResult byOffset =
                analyze("gpt", "analyze", "files", "--bodyfile", "--offset", "20480", image.toString());
        assertThat(byPartition.out()).isEqualTo(byOffset.out()).isEqualTo(Tsk.bodyfile(image, 20480, null));
    }

    @Test
    void files_out_writesTheListingToANewFile() throws Exception {
        Path file = tmp.resolve("ntfs.jsonl");
        CliRunner.BytesResult r =
                analyze("ntfs", "analyze", "files", TestImages.get("ntfs").toString(), "--out", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSizeGreaterThan(40);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"stream\":\"Zone.Identifier\""));
    }

    @Test
    void cat_isWhatIcatWrites() {
        Path image = TestImages.get("ntfs");
        String stream = Tsk.fls(image, 0, null).stream()
                .filter(e -> e.path().endsWith(":thumbnail"))
                .findFirst()
                .orElseThrow()
                .address();
        CliRunner.BytesResult r = analyze("ntfs", "analyze", "cat", image.toString(), "--inode", stream);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Tsk.icat(image, 0, null, stream, false));
        String readme = Tsk.fls(image, 0, null).stream()
                .filter(e -> e.path().equals("README.TXT"))
                .findFirst()
                .orElseThrow()
                .address();
        CliRunner.BytesResult byPath = analyze("ntfs", "analyze", "cat", image.toString(), "/README.TXT");
        assertThat(byPath.out()).isEqualTo(Tsk.icat(image, 0, null, readme, false));
    }

    @Test
    void export_writesTheFilesAndTheManifest() throws Exception {
        Path dest = tmp.resolve("export");
        CliRunner.BytesResult r =
                analyze("mbr", "analyze", "export", TestImages.get("mbr").toString(), dest.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.text()).startsWith("exhibit: exported ").contains("manifest.jsonl");
        assertThat(Files.readAllLines(dest.resolve("manifest.jsonl"))).hasSizeGreaterThan(20);
        CliRunner.BytesResult again =
                analyze("mbr", "analyze", "export", TestImages.get("mbr").toString(), dest.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
    }

    /** Bad input: one line on stderr naming what and where, the documented status, no stack trace. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "garbage|1|file system at byte offset 0: no file system recognised (libtsk: Possible encryption",
                "empty|1|the image is empty (0 bytes of media)",
                "path-overflow|1|libtsk crashed (SIGABRT",
            })
    void files_badImage_isOneClearLine(String name, int status, String message) {
        CliRunner.BytesResult r =
                analyze(name, "analyze", "files", TestImages.get(name).toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(status);
        assertThat(r.err()).startsWith("exhibit: error: ").contains(message).doesNotContain("\tat ");
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("exhibit: error:")))
                .hasSize(1);
    }

    @Test
    void files_loopingPartitionTable_isListedAsMmlsSeesIt() {
        Path image = TestImages.get("mbr-loop");
        CliRunner.BytesResult r = analyze("mbr-loop", "analyze", "files", "--bodyfile", image.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Tsk.gettimes(image));
    }

    @Test
    void usageErrors_areExitStatus2() {
        Path image = TestImages.get("mbr");
        assertThat(CliRunner.runBytes("analyze", "files", image.toString(), "--partition", "2", "--offset", "2048")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.runBytes("analyze", "cat", image.toString(), "--partition", "2", "--inode", "x-y")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.runBytes("analyze", "files", image.toString(), "--partition", "99")
                        .err())
                .contains("has no partition 99");
        assertThat(CliRunner.runBytes(
                                "analyze", "files", tmp.resolve("absent.img").toString())
                        .exit())
                .isEqualTo(ExitCodes.ENVIRONMENT);
    }

    @Test
    void help_describesEachSubcommand() {
        CliRunner.BytesResult r = CliRunner.runBytes("analyze", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.text()).contains("files ").contains("cat ").contains("export ");
        assertThat(CliRunner.runBytes("analyze", "files", "--help").text())
                .contains("--bodyfile")
                .contains("--partition");
    }

    @Test
    void debug_showsTheStackTraceOfAnError() {
        CliRunner.BytesResult r = CliRunner.runBytes(
                "--debug", "analyze", "files", TestImages.get("garbage").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.err()).contains("\tat ");
    }

    /** As a real process, the worker inherits standard output: the bytes still equal fls's. */
    @Test
    void files_inAProcess_writesStraightToStandardOutput() throws Exception {
        Path image = TestImages.get("hostile");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = CliRunner.spawn(List.of("analyze", "files", "--bodyfile", image.toString()), out, err);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Tsk.bodyfile(image, 0, null));
    }

    /** As a real process, the summary's worker starts before the command line is parsed and answers by pipe. */
    @Test
    void summary_inAProcess_printsWhatTheCommandPrintsInProcess() throws Exception {
        Path image = TestImages.get("mbr");
        Path out = tmp.resolve("summary");
        Path err = tmp.resolve("summary.err");
        Process p = CliRunner.spawn(List.of("analyze", image.toString()), out, err);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out))
                .isEqualTo(analyze("mbr", "analyze", image.toString()).text())
                .contains(Tsk.run("mmls", image.toString()).ok().stdout());
    }

    /** {@code exhibit analyze files IMAGE | head -1} ends quietly, as any filter does when its reader has enough. */
    @Test
    void files_intoAPipeClosedEarly_endsQuietly() throws Exception {
        Path image = TestImages.get("hostile");
        Process p = new ProcessBuilder(
                        "sh",
                        "-c",
                        "\"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" " + Main.class.getName()
                                + " analyze files \"$2\" | head -c 100 >/dev/null; echo \"${PIPESTATUS:-}\"",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        System.getProperty("java.class.path"),
                        image.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).doesNotContain("exhibit: error");
    }

    /** The worker started ahead of parsing is not left behind when the command line turns out wrong. */
    @Test
    void usageError_inAProcess_leavesNoWorkerBehind() throws Exception {
        Path image = TestImages.get("fat12");
        Path err = tmp.resolve("err");
        List<Path> before = controlFiles();
        Process p = CliRunner.spawn(
                List.of("analyze", "files", "--no-such-option", image.toString()), tmp.resolve("out"), err);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readString(err)).startsWith("exhibit: usage error:");
        // the unused worker sees its request pipe close, removes its control file and exits
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!controlFiles().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(controlFiles()).isEqualTo(before);
    }

    private static List<Path> controlFiles() throws java.io.IOException {
        try (var files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("exhibit-worker-"))
                    .sorted()
                    .toList();
        }
    }
}

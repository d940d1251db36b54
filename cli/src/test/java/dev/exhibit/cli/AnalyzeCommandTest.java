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
        // every row of mmls, column for column, behind Exhibit's name for the partition
        List<String> rows = Tsk.run("mmls", image.toString())
                .ok()
                .stdout()
                .lines()
                .filter(l -> l.matches("\\d{3}:.*"))
                .toList();
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(r.text()).containsPattern("\n(p\\d|- ) +\\Q" + row + "\\E\n"));
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
        String html = dev.exhibit.report.fixtures.Markup.lineBreaksLeftOut(Files.readString(
                Path.of(report.out().strip().lines().reduce((a, b) -> b).orElseThrow())));
        for (Tsk.MmlsRow row : Tsk.mmls(TestImages.get("mbr"))) {
            assertThat(html)
                    .contains("<td class=\"num\">" + row.startSector() + "</td><td class=\"num\">" + row.endSector()
                            + "</td><td class=\"num\">" + row.lengthSectors() + "</td>");
        }
        assertThat(html).contains("<td>ntfs</td><td>MBR-NTFS</td>").contains("<td>fat12</td><td>MBR-FAT12</td>");
        // the partition as analyze names it, the logical NTFS being p5 as Linux numbers it
        assertThat(html)
                .containsPattern(
                        "<tr><td class=\"num\">p5</td><td class=\"mono small\">[^<]*</td><td class=\"num\">22528</td>");
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
                analyze("gpt", "analyze", "files", "--bodyfile", "--partition", "p3", image.toString());
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

    /**
     * Many files in one command: {@code --list} of every regular file fls lists in two partitions, by partition and
     * inode address; each comes out once, with what icat gives for its address.
     */
    @Test
    void export_list_readsManyFilesInOneCommand() throws Exception {
        Path image = TestImages.get("mbr");
        List<String> lines = new java.util.ArrayList<>();
        java.util.Map<String, Long> sectors = java.util.Map.of("p1", 2048L, "p5", 22528L);
        for (var part : sectors.entrySet()) {
            for (Tsk.FlsEntry e : Tsk.fls(image, part.getValue(), null)) {
                if (e.type().equals("r/r") && !e.path().startsWith("$")) {
                    lines.add(part.getKey() + ":" + e.address());
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(15);
        Path list = tmp.resolve("selection.txt");
        Files.write(list, lines);
        Path dest = tmp.resolve("export");
        CliRunner.BytesResult r =
                analyze("mbr", "analyze", "export", image.toString(), dest.toString(), "--list", list.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> manifest = Files.readAllLines(dest.resolve("manifest.jsonl"));
        List<String> exported = new java.util.ArrayList<>();
        for (String line : manifest) {
            JsonNode m = Jcs.mapper().readTree(line);
            String partition = m.path("partition").asText();
            exported.add(partition + ":" + m.path("inode").asText());
            assertThat(m.path("sha256").asText())
                    .isEqualTo(dev.exhibit.core.digest.Sha256.hex(Tsk.icat(
                            image, sectors.get(partition), null, m.path("inode").asText(), false)));
        }
        // FAT addresses are bare inodes, NTFS ones name the stream: the manifest gives back the list
        assertThat(exported).containsExactlyInAnyOrderElementsOf(lines);
        CliRunner.BytesResult both = analyze(
                "mbr",
                "analyze",
                "export",
                image.toString(),
                tmp.resolve("x").toString(),
                "--list",
                list.toString(),
                "--deleted");
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--list names exactly the files to export");
    }

    /** One file exported is "1 file", as "1 directory" in the summary (issue 13 B.7). */
    @Test
    void export_ofOneFile_countsItInTheSingular() throws Exception {
        Path image = TestImages.get("gpt");
        Path list = Files.writeString(tmp.resolve("one.txt"), "p1:/README.TXT\n");
        Path dest = tmp.resolve("one");
        CliRunner.BytesResult r =
                analyze("gpt", "analyze", "export", image.toString(), dest.toString(), "--list", list.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> manifest = Files.readAllLines(dest.resolve("manifest.jsonl"));
        assertThat(manifest).hasSize(1);
        long bytes = Files.size(dest.resolve(
                Jcs.mapper().readTree(manifest.getFirst()).path("file").asText()));
        assertThat(r.err() + r.text())
                .contains("exhibit: exported 1 file (" + bytes + " bytes) to ")
                .doesNotContain("1 files");
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

    /** The name the summary prints is what --partition takes: p3 is the NTFS of the gpt image, at sector 20480. */
    @Test
    void partitionOption_acceptsTheNameTheSummaryPrints() {
        Path image = TestImages.get("gpt");
        assertThat(analyze("gpt", "analyze", image.toString()).text())
                .contains("p3    007:  002       0000020480")
                .contains("  p3 at sector 20480 (byte offset 10485760): ntfs");
        CliRunner.BytesResult r =
                analyze("gpt", "analyze", "files", "--bodyfile", "--partition", "p3", image.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Tsk.bodyfile(image, 20480, null));
    }

    /**
     * Unallocated space, table metadata, an extended partition or a bare number (mmls's address, which is not a
     * partition name): a usage error that says which it was and lists the partitions to choose from.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gpt|1|not a number (mmls's entry 001 is unallocated space)",
                "gpt|4|not a number (mmls's entry 004 is partition p1)",
                "mbr|0|not a number (mmls's entry 000 is partition-table metadata (Primary Table (#0)))",
                "mbr|p3|partition p3 is an extended partition (it holds partition tables, not a file system)",
                "mbr|p4|it has no partition p4",
            })
    void partitionOption_rejectsUnallocatedSlotListingChoices(String name, String partition, String why) {
        CliRunner.BytesResult r = analyze(
                name,
                "analyze",
                "files",
                "--partition",
                partition,
                TestImages.get(name).toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        String choices = name.equals("gpt")
                ? "choose one of p1 (sector 2048, EFI system), p2 (sector 12288, Linux data), p3 (sector 20480, Windows"
                        + " data), p4 (sector 30720, Données exFAT)"
                : "choose one of p1 (sector 2048, Win95 FAT16 (0x0e)), p2 (sector 12288, Linux (0x83)), p5 (sector"
                        + " 22528, NTFS / exFAT (0x07)), p6 (sector 32768, DOS FAT12 (0x01))";
        assertThat(r.err()).startsWith("exhibit: error: ").contains(why).contains(choices);
        assertThat(r.out()).isEmpty();
    }

    /** One name for one partition: the summary, the listing, the export and its manifest all say p1 to p4. */
    @Test
    void partitionName_isTheSameInSummaryListingAndExport() throws Exception {
        Path image = TestImages.get("gpt");
        JsonNode summary = Jcs.mapper()
                .readTree(analyze("gpt", "analyze", image.toString(), "--json").out());
        List<String> names = new java.util.ArrayList<>();
        summary.path("fileSystems").forEach(fs -> names.add(fs.path("partition").asText()));
        assertThat(names).containsExactly("p1", "p2", "p3", "p4");
        java.util.Set<String> listed = new java.util.TreeSet<>();
        for (String line :
                analyze("gpt", "analyze", "files", image.toString()).text().split("\n")) {
            listed.add(Jcs.mapper().readTree(line).path("partition").asText());
        }
        assertThat(listed).containsExactlyElementsOf(names);
        Path dest = tmp.resolve("export");
        assertThat(analyze("gpt", "analyze", "export", image.toString(), dest.toString())
                        .exit())
                .isZero();
        try (var dirs = Files.list(dest.resolve("files"))) {
            assertThat(dirs.map(d -> d.getFileName().toString()).sorted()).containsExactlyElementsOf(names);
        }
        java.util.Set<String> manifest = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(dest.resolve("manifest.jsonl"))) {
            manifest.add(Jcs.mapper().readTree(line).path("partition").asText());
        }
        assertThat(manifest).containsExactlyElementsOf(names);
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
        assertThat(CliRunner.runBytes("analyze", "files", image.toString(), "--partition", "p99")
                        .err())
                .contains("has no partition p99");
        assertThat(CliRunner.runBytes(
                                "analyze", "files", tmp.resolve("absent.img").toString())
                        .exit())
                .isEqualTo(ExitCodes.ENVIRONMENT);
    }

    @Test
    void noArguments_isAUsageErrorShowingTheUsage() {
        CliRunner.BytesResult r = CliRunner.runBytes("analyze");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("exhibit: usage error: ").contains("Usage: exhibit analyze");
        assertThat(r.out()).isEmpty();
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
        String summary = Files.readString(out);
        assertThat(summary)
                .isEqualTo(analyze("mbr", "analyze", image.toString()).text());
        // every row of mmls, after the partition name this summary puts before it
        List<String> rows = Tsk.run("mmls", image.toString())
                .ok()
                .stdout()
                .lines()
                .filter(l -> l.matches("\\d{3}:.*"))
                .toList();
        assertThat(rows).isNotEmpty();
        rows.forEach(row -> assertThat(summary).contains(row));
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

    /**
     * On a terminal (a pseudo-terminal from script(1)) {@code analyze files} prints a table for reading, with its
     * heading and the times labelled UTC; into a pipe the same records as JSON Lines; {@code --json} and {@code
     * --table} choose either anywhere.
     */
    @Test
    void files_isATableOnATerminalAndJsonLinesInAPipe() throws Exception {
        Path image = TestImages.get("fat12");
        List<String> json = shell("analyze files \"$IMG\"", image, false);
        assertThat(json).hasSizeGreaterThan(15);
        for (String line : json) {
            assertThat(Jcs.mapper().readTree(line).path("path").asText()).startsWith("/");
        }
        List<String> table = shell("analyze files \"$IMG\"", image, true);
        assertThat(table.getFirst())
                .startsWith("Part Type State")
                .contains("Modified (UTC)", "Accessed (UTC)", "Changed (UTC)", "Created (UTC)", "Path");
        assertThat(table.subList(1, table.size()))
                .hasSameSizeAs(json)
                .allSatisfy(row -> assertThat(row).matches("-    ./.  (alloc|deleted) .*"));
        assertThat(table)
                .anySatisfy(row -> assertThat(row)
                        .contains("deleted")
                        .contains("2024-01-22 09:00:06")
                        .endsWith("/Documents/old draft.txt"));
        assertThat(shell("analyze files --json \"$IMG\"", image, true)).isEqualTo(json);
        assertThat(analyze("fat12", "analyze", "files", "--table", image.toString())
                        .text()
                        .lines()
                        .toList())
                .isEqualTo(table);
    }

    /** The filters travel to the worker: --deleted is fls -d's listing, --path keeps the matching paths. */
    @Test
    void files_deletedAndPathFilters() throws Exception {
        Path ext4 = TestImages.get("ext4");
        CliRunner.BytesResult deleted = analyze("ext4", "analyze", "files", "--bodyfile", "--deleted", ext4.toString());
        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out())
                .isEqualTo(Tsk.bytes(Tsk.run("fls", "-r", "-d", "-m", "/", ext4.toString())
                        .ok()
                        .stdout()));
        Path gpt = TestImages.get("gpt");
        CliRunner.BytesResult md = analyze("gpt", "analyze", "files", "--json", "--path", "*.md", gpt.toString());
        List<String> found = new java.util.ArrayList<>();
        for (String line : md.text().split("\n")) {
            JsonNode n = Jcs.mapper().readTree(line);
            found.add(n.path("partition").asText() + " " + n.path("inode").asText() + " "
                    + n.path("path").asText());
        }
        assertThat(found)
                .hasSize(5)
                .allSatisfy(f -> assertThat(f).endsWith(" /Documents/notes.md"))
                .anySatisfy(f -> assertThat(f).startsWith("p3 66-128-4 "));
        CliRunner.BytesResult bad = analyze("gpt", "analyze", "files", "--path", "[abc", gpt.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--path pattern '[abc' has a '[' without its ']'");
    }

    /** {@code exhibit ARGS} as its own process, in a pseudo-terminal or into a pipe; the lines it printed. */
    private static List<String> shell(String args, Path image, boolean terminal) throws Exception {
        String exhibit =
                "\"$JAVA\" --enable-native-access=ALL-UNNAMED -cp \"$CP\" " + Main.class.getName() + " " + args;
        ProcessBuilder pb = terminal
                ? new ProcessBuilder("script", "-qec", exhibit, "/dev/null")
                : new ProcessBuilder("sh", "-c", exhibit + " | cat");
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("IMG", image.toString());
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.replace("\r\n", "\n").lines().toList();
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

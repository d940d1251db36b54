package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit verify}: OK on an untouched acquisition, and the exact place of every kind of tampering. */
class VerifyCommandTest {
    private static final int MiB = 1 << 20;

    @TempDir
    Path dir;

    private Path source;
    private Path out;

    @BeforeEach
    void acquire() throws IOException {
        source = Acquisitions.randomFile(dir.resolve("source.bin"), 6L * MiB, 11);
        out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString(), "--window", "1MiB");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void verify_untouched_isOkAndAppendsAMatchingVerificationRecord() throws IOException {
        CliRunner.Result r = CliRunner.run("verify", out.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("OK: ").contains("log chain: intact").contains("6 of 6 logged windows");
        JsonNode v = Acquisitions.records(Acquisitions.log(out), "verification").getFirst();
        assertThat(v.path("verdict").asText()).isEqualTo("match");
        assertThat(v.path("scope").asText()).isEqualTo("image");
        assertThat(v.path("hashes").path("sha256").asText()).isEqualTo(Acquisitions.sum("sha256", source));
        assertThat(CliRunner.run("verify", out.toString()).exit())
                .as("verifying twice")
                .isZero();
    }

    @Test
    void verify_fromFourProcessesAtOnce_appendsFourVerificationsToOneUnbrokenChain() throws Exception {
        int processes = 4;
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            running.add(CliRunner.spawn(List.of("verify", out.toString()), dir.resolve("o" + i), dir.resolve("e" + i)));
        }
        for (int i = 0; i < processes; i++) {
            assertThat(running.get(i).waitFor(2, java.util.concurrent.TimeUnit.MINUTES))
                    .isTrue();
            assertThat(running.get(i).exitValue())
                    .as(Files.readString(dir.resolve("o" + i)) + Files.readString(dir.resolve("e" + i)))
                    .isZero();
        }
        assertThat(Acquisitions.records(Acquisitions.log(out), "verification")).hasSize(processes);
        CliRunner.Result check = CliRunner.run("chain", "check", out.toString());
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).contains("Chain: intact");
    }

    @Test
    void verify_oneFlippedImageByte_failsNamingTheWindowAndItsByteRange() throws IOException {
        long at = 3L * MiB + 12345;
        flipByte(out.resolve("image.raw"), at);

        CliRunner.Result r = CliRunner.run("verify", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.out())
                .startsWith("FAILED: ")
                .contains("window 3 (image bytes " + 3 * MiB + " to " + (4 * MiB - 1) + ")")
                .contains("sha256 of the whole image")
                .doesNotContain("window 2 ")
                .doesNotContain("window 4 ");
        JsonNode v = Acquisitions.records(Acquisitions.log(out), "verification").getLast();
        assertThat(v.path("verdict").asText()).isEqualTo("mismatch");
        assertThat(v.path("mismatches").get(0).path("byteOffset").asLong()).isEqualTo(3L * MiB);
    }

    @Test
    void verify_oneChangedLogCharacter_failsNamingTheLine() throws IOException {
        List<String> lines = Files.readAllLines(Acquisitions.log(out), StandardCharsets.UTF_8);
        int windowLine = indexOf(lines, "\"type\":\"window\"") + 1;
        String edited = lines.get(windowLine - 1).replaceFirst("\"lengthBytes\":1048576", "\"lengthBytes\":1048577");
        assertThat(edited).isNotEqualTo(lines.get(windowLine - 1));
        lines.set(windowLine - 1, edited);
        rewrite(lines);

        CliRunner.Result r = CliRunner.run("verify", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.out())
                .contains("log chain: BROKEN (1 problem)")
                .contains("log line " + (windowLine + 1) + ": prev is ")
                .contains("line " + windowLine + " was changed")
                .contains("not recorded: the log's chain is broken")
                .contains("'exhibit chain check " + Acquisitions.log(out) + "' explains it");
    }

    @Test
    void verify_oneDeletedLogLine_failsNamingWhereTheChainBreaks() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Acquisitions.log(out), StandardCharsets.UTF_8));
        int deleted = indexOf(lines, "\"type\":\"window\"") + 2;
        lines.remove(deleted - 1);
        rewrite(lines);

        CliRunner.Result r = CliRunner.run("verify", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.out())
                .contains("log chain: BROKEN")
                .contains("log line " + deleted + ": seq is " + deleted + ", but the record on line " + deleted
                        + " must carry seq " + (deleted - 1) + " (seq counts from 0, lines from 1)")
                .contains("5 of 5 logged windows checked")
                .contains("DIFFERS: window 1");
    }

    @Test
    void verify_source_rereadsAndMatches_thenNamesTheWindowWhereTheSourceChanged() throws IOException {
        CliRunner.Result same = CliRunner.run("verify", out.toString(), "--source");
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("OK: source " + source).doesNotContain("flash media");

        flipByte(source, 5L * MiB + 1);
        CliRunner.Result changed = CliRunner.run("verify", out.toString(), "--source", source.toString());

        assertThat(changed.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(changed.out())
                .startsWith("OK: image")
                .contains("FAILED: source")
                .contains("window 5 (image bytes");
        JsonNode v = Acquisitions.records(Acquisitions.log(out), "verification").getLast();
        assertThat(v.path("scope").asText()).isEqualTo("source");
        assertThat(v.path("verdict").asText()).isEqualTo("mismatch");
    }

    @Test
    void verify_rewritesTheTextRecord_withEachVerificationAtItsLogLine() throws IOException {
        Path record = out.resolve("acquisition.txt");
        assertThat(Files.readString(record)).contains("None yet: 'exhibit verify' re-reads the image");
        flipByte(out.resolve("image.raw"), 2L * MiB + 7);

        CliRunner.Result r = CliRunner.run("verify", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        List<String> log = Files.readAllLines(Acquisitions.log(out), StandardCharsets.UTF_8);
        assertThat(r.out())
                .contains("record: " + record + " (a plain-text reading of log lines 1 to " + log.size() + ")");
        String text = Files.readString(record);
        assertThat(text)
                .contains("made from its lines 1 to " + log.size() + ".")
                .containsPattern("1\\. \\S+Z \\(log line " + log.size() + "\\): image files re-read: MISMATCH")
                .contains("differs: window 2 (image bytes " + 2 * MiB + "-" + (3 * MiB - 1) + "): expected SHA-256");
        String windowLine = text.lines()
                .filter(l -> l.contains("differs: window 2 "))
                .findFirst()
                .orElseThrow();
        long cited = Long.parseLong(windowLine.replaceAll(".*\\(log line (\\d+)\\).*", "$1"));
        assertThat(log.get((int) cited - 1))
                .as("log line %d, counted from 1 as sed counts", cited)
                .contains("\"index\":2")
                .contains("\"type\":\"window\"");
    }

    @Test
    void verify_splitWithAMissingSegment_namesTheFile() throws IOException {
        Path split = dir.resolve("split");
        assertThat(CliRunner.run("acquire", source.toString(), split.toString(), "--split", "2MiB")
                        .exit())
                .isZero();
        Files.delete(split.resolve("image.002"));

        CliRunner.Result r = CliRunner.run("verify", split.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.out())
                .contains("DIFFERS: image.002 (image bytes " + 2 * MiB)
                .contains("the file is missing");
        assertThat(Proc.run("ls", split.toString()).ok().stdout())
                .contains("image.001")
                .contains("image.003");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    private void rewrite(List<String> lines) throws IOException {
        Files.writeString(Acquisitions.log(out), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static void flipByte(Path file, long at) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }
}

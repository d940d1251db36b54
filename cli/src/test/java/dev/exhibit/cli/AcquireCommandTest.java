package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit acquire} end to end, checked against coreutils and an independent walk of the log. */
class AcquireCommandTest {
    private static final long WINDOW = 4L << 20;

    @TempDir
    Path dir;

    @Test
    void acquire_file_imageEqualsSourceAndLoggedHashesEqualCoreutils() throws IOException {
        // Not a multiple of the window, nor of the 512-byte sector: the last window and sector are partial.
        Path source = Acquisitions.randomFile(dir.resolve("source.bin"), 18L * (1 << 20) + 1234, 1);
        Path out = dir.resolve("out");

        CliRunner.Result r = CliRunner.run(
                "acquire",
                source.toString(),
                out.toString(),
                "--window",
                "4MiB",
                "--case-number",
                "2026-7",
                "--evidence-number",
                "EV-1",
                "--examiner",
                "Jane Doe",
                "--description",
                "a file",
                "--notes",
                "n");

        assertThat(r.exit()).as(r.toString()).isZero();
        Path image = out.resolve("image.raw");
        assertThat(Files.mismatch(source, image)).isEqualTo(-1);
        JsonNode end = Acquisitions.records(Acquisitions.log(out), "end").getFirst();
        for (String alg : List.of("md5", "sha1", "sha256")) {
            String expected = Acquisitions.sum(alg, source);
            assertThat(end.path("hashes").path(alg).asText()).as(alg).isEqualTo(expected);
            assertThat(Acquisitions.sum(alg, image)).isEqualTo(expected);
            assertThat(r.out()).contains(expected);
        }
        assertThat(end.path("bytesAcquired").asLong()).isEqualTo(Files.size(source));
        assertThat(end.path("badSectorCount").asLong()).isZero();

        List<JsonNode> windows = Acquisitions.records(Acquisitions.log(out), "window");
        assertThat(windows).hasSize(5);
        for (JsonNode w : windows) {
            long offset = w.path("byteOffset").asLong();
            assertThat(offset).isEqualTo(w.path("index").asLong() * WINDOW);
            assertThat(w.path("sha256").asText())
                    .isEqualTo(Acquisitions.ddSha256(
                            source, offset, w.path("lengthBytes").asLong()));
        }
        assertThat(windows.getLast().path("lengthBytes").asLong()).isEqualTo(2L * (1 << 20) + 1234);
        assertThat(Proc.run("stat", "-c", "%a", image.toString()).ok().stdout().strip())
                .isEqualTo("444");
    }

    @Test
    void acquire_logIsAChainThatSha256sumAlonePasses() throws IOException {
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 3 << 20, 2);
        Path out = dir.resolve("out");
        assertThat(CliRunner.run("acquire", source.toString(), out.toString(), "--window", "1MiB")
                        .exit())
                .isZero();

        List<String> lines = Files.readAllLines(Acquisitions.log(out), StandardCharsets.UTF_8);
        String prev = "0".repeat(64);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode record = Acquisitions.records(Acquisitions.log(out)).get(i);
            assertThat(record.path("prev").asText()).as("line %d", i + 1).isEqualTo(prev);
            assertThat(record.path("seq").asLong()).isEqualTo(i);
            assertThat(record.path("time").asText()).endsWith("Z");
            Path one = dir.resolve("line" + i);
            Files.writeString(one, lines.get(i), StandardCharsets.UTF_8);
            prev = Acquisitions.sum("sha256", one);
        }
        List<String> types = Acquisitions.records(Acquisitions.log(out)).stream()
                .map(n -> n.path("type").asText())
                .toList();
        assertThat(types).startsWith("start", "source").endsWith("end").contains("window");
        JsonNode start = Acquisitions.records(Acquisitions.log(out), "start").getFirst();
        assertThat(start.path("invocation").path("commandLine").asText()).startsWith("exhibit acquire ");
        assertThat(start.path("invocation").path("version").asText()).isNotBlank();
        assertThat(start.path("invocation").path("started").asText()).endsWith("Z");
        JsonNode src = Acquisitions.records(Acquisitions.log(out), "source").getFirst();
        assertThat(src.path("kind").asText()).isEqualTo("file");
        assertThat(src.path("sizeBytes").asLong()).isEqualTo(3 << 20);
        assertThat(src.path("device").asText()).isEqualTo("unknown");
    }

    @Test
    void acquire_split_segmentsConcatenateToTheSourceAndEachSegmentHashIsLogged() throws IOException {
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 10L << 20, 3);
        Path out = dir.resolve("out");
        CliRunner.Result r =
                CliRunner.run("acquire", source.toString(), out.toString(), "--split", "4MiB", "--hash", "sha1,sha512");

        assertThat(r.exit()).as(r.toString()).isZero();
        List<JsonNode> segments = Acquisitions.records(Acquisitions.log(out), "segment");
        assertThat(segments)
                .extracting(s -> s.path("file").asText())
                .containsExactly("image.001", "image.002", "image.003");
        for (JsonNode s : segments) {
            Path f = out.resolve(s.path("file").asText());
            assertThat(Files.size(f)).isEqualTo(s.path("lengthBytes").asLong());
            assertThat(s.path("sha256").asText()).isEqualTo(Acquisitions.sum("sha256", f));
        }
        String cat = Proc.firstField(
                Proc.run("sh", "-c", "cat '" + out + "'/image.0* | sha512sum").ok());
        JsonNode end = Acquisitions.records(Acquisitions.log(out), "end").getFirst();
        assertThat(end.path("hashes").path("sha512").asText())
                .isEqualTo(cat)
                .isEqualTo(Acquisitions.sum("sha512", source));
        assertThat(end.path("hashes").has("md5")).isFalse();
    }

    @Test
    void acquire_readOnlyLoopDevice_recordsTheDeviceAndMatchesTheBackingFile() throws IOException {
        Path backing = Acquisitions.randomFile(dir.resolve("disk.img"), 8L << 20, 4);
        String loop = Proc.run("losetup", "--find", "--show", "--read-only", backing.toString())
                .ok()
                .stdout()
                .strip();
        try {
            String before = Acquisitions.sum("sha256", backing);
            Path out = dir.resolve("out");
            CliRunner.Result r = CliRunner.run("acquire", loop, out.toString(), "--hash", "md5,sha256");

            assertThat(r.exit()).as(r.toString()).isZero();
            JsonNode end = Acquisitions.records(Acquisitions.log(out), "end").getFirst();
            assertThat(end.path("hashes").path("sha256").asText()).isEqualTo(before);
            assertThat(end.path("hashes").path("md5").asText()).isEqualTo(Acquisitions.sum("md5", backing));
            JsonNode src = Acquisitions.records(Acquisitions.log(out), "source").getFirst();
            assertThat(src.path("kind").asText()).isEqualTo("block-device");
            assertThat(src.path("logicalSectorBytes").asInt()).isEqualTo(512);
            assertThat(src.path("device").path("transport").asText()).isEqualTo("loop");
            assertThat(src.path("writeBlock").path("readOnlyFlag").asBoolean()).isTrue();
            assertThat(Acquisitions.sum("sha256", backing))
                    .as("the source is unchanged")
                    .isEqualTo(before);
        } finally {
            Proc.run("losetup", "-d", loop).ok();
        }
    }

    @Test
    void acquire_intoACase_writesTheItemDirectoryAndACustodyEventNamingTheLogHead() throws IOException {
        Path caseDir = dir.resolve("case");
        assertThat(CliRunner.run(
                                "case",
                                "init",
                                caseDir.toString(),
                                "--number",
                                "2026-0042",
                                "--title",
                                "T",
                                "--examiner",
                                "Jane Examiner")
                        .exit())
                .isZero();
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 2 << 20, 5);

        CliRunner.Result r =
                CliRunner.run("acquire", source.toString(), "--case", caseDir.toString(), "--id", "EV-001");

        assertThat(r.exit()).as(r.toString()).isZero();
        Path item = caseDir.resolve("evidence/EV-001");
        JsonNode start = Acquisitions.records(Acquisitions.log(item), "start").getFirst();
        assertThat(start.path("case").path("caseNumber").asText()).isEqualTo("2026-0042");
        assertThat(start.path("case").path("evidenceNumber").asText()).isEqualTo("EV-001");
        assertThat(start.path("case").path("examiner").asText()).isEqualTo("Jane Examiner");
        List<JsonNode> custody = Acquisitions.records(caseDir.resolve("custody.log.jsonl"), "acquire");
        assertThat(custody).hasSize(1);
        List<String> logLines = Files.readAllLines(Acquisitions.log(item), StandardCharsets.UTF_8);
        Path last = Files.writeString(dir.resolve("last"), logLines.getLast(), StandardCharsets.UTF_8);
        assertThat(custody.getFirst().path("logHeadHash").asText()).isEqualTo(Acquisitions.sum("sha256", last));
        assertThat(custody.getFirst().path("status").asText()).isEqualTo("complete");
        assertThat(CliRunner.run("custody", caseDir.toString(), "list").exit()).isZero();
    }

    @Test
    void acquire_windowNotAWholeNumberOfSectors_isRefusedBeforeAnythingIsWritten() throws IOException {
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 1 << 20, 6);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString(), "--window", "1000");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--window 1000 bytes").doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }
}

package dev.exhibit.cli;

import static dev.exhibit.cli.Acquisitions.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit acquire --resume OUTDIR SOURCE} with a SOURCE other than the one the interrupted acquisition read:
 * a source of the same size but other bytes, or of another kind, must be refused before anything is written, so the
 * image can never become the first part of one disk and the rest of another.
 */
class AcquireCommandResumeSourceTest {
    private static final long SIZE = 6L << 20;
    private static final long WINDOW = 1L << 20;
    private static final int KEPT_WINDOWS = 3;

    @TempDir
    Path dir;

    Path original;
    Path out;

    @BeforeEach
    void interruptedAcquisition() throws IOException {
        original = randomFile(dir.resolve("original.bin"), SIZE, 1);
        out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("acquire", "--window", "1MiB", original.toString(), out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        killedAfterWindows(out, KEPT_WINDOWS);
    }

    /**
     * What SIGKILL leaves: the log up to a window record (no end), the image up to that window's end, no mapfile past
     * it. Tests elsewhere kill real processes; here the moment must be exact.
     */
    private static void killedAfterWindows(Path out, int windows) throws IOException {
        Path log = out.resolve("acquisition.log.jsonl");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int keep = 0;
        int seen = 0;
        while (seen < windows) {
            if (lines.get(keep++).contains("\"type\":\"window\"")) {
                seen++;
            }
        }
        Files.write(log, lines.subList(0, keep), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(out.resolve("image.raw"), StandardOpenOption.WRITE)) {
            ch.truncate(windows * WINDOW);
        }
        Files.delete(out.resolve("badsectors.map"));
    }

    private static void acquire(LoopDevice loop, Path out) {
        CliRunner.Result r =
                CliRunner.run("acquire", "--window", "1MiB", loop.path().toString(), out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void resume_refusesASourceOfTheSameSizeWithOtherBytes_andLeavesTheLogAsItWas() throws IOException {
        Path other = randomFile(dir.resolve("other.bin"), SIZE, 2);
        byte[] logBefore = Files.readAllBytes(out.resolve("acquisition.log.jsonl"));

        CliRunner.Result r = CliRunner.run("acquire", "--resume", out.toString(), other.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("not the source of the acquisition being resumed")
                .contains("window 2")
                .contains(Acquisitions.ddSha256(original, 2 * WINDOW, WINDOW))
                .contains(Acquisitions.ddSha256(other, 2 * WINDOW, WINDOW));
        assertThat(Files.readAllBytes(out.resolve("acquisition.log.jsonl"))).isEqualTo(logBefore);
        assertThat(Files.size(out.resolve("image.raw"))).isEqualTo(KEPT_WINDOWS * WINDOW);

        CliRunner.Result right = CliRunner.run("acquire", "--resume", out.toString(), original.toString());
        assertThat(right.exit()).as(right.toString()).isZero();
        assertThat(Acquisitions.sum("sha256", out.resolve("image.raw")))
                .isEqualTo(Acquisitions.sum("sha256", original));
    }

    @Test
    void resume_fromTheSameBytesAtAnotherPath_recordsTheSourceItReadAndWhatItChecked() throws IOException {
        Path moved = Files.copy(original, dir.resolve("moved.bin"));

        CliRunner.Result r = CliRunner.run("acquire", "--resume", out.toString(), moved.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode resume = Acquisitions.records(out.resolve("acquisition.log.jsonl"), "resume")
                .getFirst();
        JsonNode source = resume.path("source");
        assertThat(source.path("path").asText()).isEqualTo(moved.toString());
        assertThat(source.path("realPath").asText())
                .isEqualTo(moved.toRealPath().toString());
        assertThat(source.path("kind").asText()).isEqualTo("file");
        assertThat(source.path("sizeBytes").asLong()).isEqualTo(SIZE);
        assertThat(source.path("loggedPath").asText()).isEqualTo(original.toString());
        JsonNode reread = source.path("windowsReread");
        assertThat(reread).isNotEmpty();
        assertThat(reread.get(0).path("index").asLong()).isEqualTo(KEPT_WINDOWS - 1);
        assertThat(reread).hasSize(KEPT_WINDOWS);
        for (JsonNode w : reread) {
            assertThat(w.path("sha256").asText())
                    .isEqualTo(Acquisitions.ddSha256(
                            original,
                            w.path("byteOffset").asLong(),
                            w.path("lengthBytes").asLong()));
        }
        assertThat(Acquisitions.sum("sha256", out.resolve("image.raw")))
                .isEqualTo(Acquisitions.sum("sha256", original));
    }

    @Test
    void resume_beforeAnyWindowWasLogged_comparesTheSourceWhereOnlyTheMapVouchesForTheImage() throws IOException {
        Path early = dir.resolve("early");
        assertThat(CliRunner.run("acquire", "--window", "1MiB", original.toString(), early.toString())
                        .exit())
                .isZero();
        Path log = early.resolve("acquisition.log.jsonl");
        Files.write(log, Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, 2), StandardCharsets.UTF_8);
        Path other = randomFile(dir.resolve("other.bin"), SIZE, 2);

        CliRunner.Result r = CliRunner.run("acquire", "--resume", early.toString(), other.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("differ from the image, which the bad-sector map records as read there");
        CliRunner.Result right = CliRunner.run("acquire", "--resume", early.toString(), original.toString());
        assertThat(right.exit()).as(right.toString()).isZero();
        JsonNode source = Acquisitions.records(log, "resume").getFirst().path("source");
        assertThat(source.path("imageSamplesCompared")).isNotEmpty();
        assertThat(source.path("contentChecked").asBoolean()).isTrue();
    }

    /**
     * Two drives of one model and size differ by serial. A loop device has none, so the log is made to say what a real
     * drive reports (rewritten with a valid chain: the facts a drive gave are only in the log); the same bytes through
     * a device without that serial are refused before anything is written, even though every window would match.
     */
    @Test
    void resume_refusesADriveWhoseSerialIsNotTheLoggedOne() throws IOException {
        Path disk = randomFile(dir.resolve("disk.img"), SIZE, 4);
        Path fromDrive = dir.resolve("from-drive");
        try (LoopDevice loop = LoopDevice.attach(disk, LoopDevice.Options.readOnlyDisk())) {
            acquire(loop, fromDrive);
            killedAfterWindows(fromDrive, 2);
            Path log = fromDrive.resolve("acquisition.log.jsonl");
            Acquisitions.rechain(log, type -> false, rec -> {
                if (rec.path("type").asText().equals("source")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) rec.path("device"))
                            .put("serial", "S3Z9NB0K123456A");
                }
            });
            byte[] logBefore = Files.readAllBytes(log);

            CliRunner.Result r2 = CliRunner.run(
                    "acquire", "--resume", fromDrive.toString(), loop.path().toString());

            assertThat(r2.exit()).as(r2.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r2.err())
                    .contains(loop.path().toString())
                    .contains("has serial 'unknown', but the acquisition being resumed read 'S3Z9NB0K123456A'")
                    .contains("not the same drive");
            assertThat(Files.readAllBytes(log)).isEqualTo(logBefore);
            assertThat(Files.size(fromDrive.resolve("image.raw"))).isEqualTo(2 * WINDOW);
        }
    }

    @Test
    void resume_refusesAFileWhereABlockDeviceWasRead() throws IOException {
        Path disk = randomFile(dir.resolve("disk.img"), SIZE, 3);
        Path fromDevice = dir.resolve("from-device");
        try (LoopDevice loop = LoopDevice.attach(disk, LoopDevice.Options.readOnlyDisk())) {
            acquire(loop, fromDevice);
        }
        killedAfterWindows(fromDevice, 2);

        CliRunner.Result r = CliRunner.run("acquire", "--resume", fromDevice.toString(), disk.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("block-device").contains("file").contains(disk.toString());
    }
}

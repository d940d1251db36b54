package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acquire --verify} and {@code --verify-source}: the image (and the source) read again right after the
 * acquisition, as {@code exhibit verify} does, with the verification in the log and the exit status saying whether it
 * matched (Guymager verifies both by default).
 */
class AcquireCommandVerifyTest {
    @TempDir
    Path dir;

    @Test
    void acquire_withVerify_rereadsTheImage_recordsTheVerification_andExitsZero() throws IOException {
        Path source = Acquisitions.randomFile(dir.resolve("s.bin"), 5L << 20, 31);
        Path out = dir.resolve("out");

        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString(), "--verify");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("acquired " + source).contains("OK: image in " + out);
        List<JsonNode> verifications = Acquisitions.records(Acquisitions.log(out), "verification");
        assertThat(verifications).hasSize(1);
        assertThat(verifications.getFirst().path("scope").asText()).isEqualTo("image");
        assertThat(verifications.getFirst().path("verdict").asText()).isEqualTo("match");
        assertThat(verifications.getFirst().path("hashes").path("sha256").asText())
                .isEqualTo(Acquisitions.sum("sha256", source));
        assertThat(Files.readString(out.resolve("acquisition.txt")))
                .contains("image files re-read: everything matched");
    }

    @Test
    void acquire_withVerifySource_ofALoopDevice_verifiesImageAndSource_withoutAFlashNote() throws IOException {
        Path backing = Acquisitions.randomFile(dir.resolve("disk.img"), 6L << 20, 33);
        Path out = dir.resolve("out");
        CliRunner.Result r;
        try (LoopDevice loop = LoopDevice.attach(backing, LoopDevice.Options.readOnlyDisk())) {
            r = CliRunner.run("acquire", loop.path().toString(), out.toString(), "--verify-source");
        }

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("OK: image in " + out)
                .contains("OK: source /dev/loop")
                .doesNotContain("flash media");
        assertThat(Acquisitions.records(Acquisitions.log(out), "verification"))
                .extracting(
                        v -> v.path("scope").asText() + " " + v.path("verdict").asText())
                .containsExactly("image match", "source match");
        assertThat(Files.readString(out.resolve("acquisition.txt")))
                .contains("image files re-read: everything matched")
                .contains("source re-read (/dev/loop");
    }

    @Test
    void acquire_withVerifySource_whenTheSourceNowReadsOtherwise_exitsOne() throws IOException {
        // A weak sector: its one read alone fails while it is acquired (--retries 0: it is filled with zeros), and it
        // reads from then on, as the source is read again.
        long size = 4L << 20;
        Path out = dir.resolve("out");
        FaultyDevice.Options weak = FaultyDevice.Options.defaults().withFailuresBeforeRecovery(1);
        CliRunner.Result r;
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(size, 32), BadSectors.parse("5000", size / 512), weak)) {
            r = CliRunner.run(
                    "acquire", device.blockDevice().toString(), out.toString(), "--window", "1MiB", "--verify-source");
        }

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(r.out())
                .contains("bad sectors: 1 ")
                .contains("OK: image in " + out)
                .contains("FAILED: source")
                .contains("window 2 (image bytes " + (2L << 20) + " to " + ((3L << 20) - 1) + ")");
        assertThat(Acquisitions.records(Acquisitions.log(out), "verification"))
                .extracting(
                        v -> v.path("scope").asText() + " " + v.path("verdict").asText())
                .containsExactly("image match", "source mismatch");
    }
}

package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.FaultyDevice;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit acquire} through the command line on real loop devices: what it refuses, and what it records. */
class AcquireCommandWriteBlockTest {
    @TempDir
    Path dir;

    @Test
    void acquire_refusesAWritableDevice_namingItAndTheFix_andAcquiresItOnceWriteBlocked() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "16M");
        Path out = dir.resolve("out");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            String dev = loop.path().toString();
            CliRunner.Result refused = CliRunner.run("acquire", dev, out.toString());
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
            assertOneLineError(refused)
                    .contains(dev + " is not write-blocked")
                    .contains("run 'exhibit writeblock " + dev + "'")
                    .contains("--no-writeblock-check");
            assertThat(out).doesNotExist();

            assertThat(CliRunner.run("writeblock", dev).exit()).isEqualTo(ExitCodes.OK);
            Proc.Result write = Proc.run("dd", "if=/dev/zero", "of=" + dev, "bs=4096", "count=1", "oflag=direct");
            assertThat(write.exitCode())
                    .as("a write to the write-blocked device")
                    .isNotZero();
            assertThat(write.stderr()).contains("Operation not permitted");

            CliRunner.Result ok =
                    CliRunner.run("acquire", "--hardware-blocker", "Tableau T35u 000ecc550123", dev, out.toString());
            assertThat(ok.exit()).as(ok.toString()).isEqualTo(ExitCodes.OK);
        }
        JsonNode writeBlock = log(out).first("source").orElseThrow().path("writeBlock");
        assertThat(writeBlock.path("readOnlyFlag").asBoolean()).isTrue();
        assertThat(writeBlock.path("method").asText()).startsWith("software: kernel-read-only-flag");
        assertThat(writeBlock.path("hardwareBlocker").path("model").asText()).isEqualTo("Tableau T35u");
        assertThat(writeBlock.path("hardwareBlocker").path("serial").asText()).isEqualTo("000ecc550123");
        assertThat(writeBlock.path("hardwareBlocker").path("verified").asBoolean())
                .isFalse();
        assertThat(log(out).all("writeblock-check"))
                .allSatisfy(c -> assertThat(c.path("ok").asBoolean()).isTrue());
        assertLoggedHashesMatchImage(out);
    }

    @Test
    void acquire_refusesAMountedDevice() throws IOException {
        Path image = DiskImages.blank(dir.resolve("fs.img"), "16M");
        Proc.run("mkfs.ext4", "-q", image.toString()).ok();
        Path out = dir.resolve("out");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.readOnlyDisk())) {
            Path mnt = Files.createDirectory(dir.resolve("mnt"));
            Proc.run("mount", "-o", "ro", loop.path().toString(), mnt.toString())
                    .ok();
            try {
                CliRunner.Result r = CliRunner.run("acquire", loop.path().toString(), out.toString());
                assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
                assertOneLineError(r)
                        .contains(loop.path().toString())
                        .contains("mounted")
                        .contains("unmount");
                CliRunner.Result forced = CliRunner.run(
                        "acquire", "--no-writeblock-check", loop.path().toString(), out.toString());
                assertThat(forced.exit())
                        .as("a mounted device cannot be claimed even so")
                        .isEqualTo(ExitCodes.USAGE);
            } finally {
                Proc.run("umount", mnt.toString()).ok();
            }
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void acquire_withNoWriteblockCheck_acquiresAWritableDevice_warnsOnStderr_andTheLogSaysSo() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "8M");
        Path out = dir.resolve("out");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            CliRunner.Result r = CliRunner.run(
                    "acquire", "--no-writeblock-check", loop.path().toString(), out.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
            // it used to say nothing at all on the console
            assertThat(r.err().lines().toList())
                    .containsExactly("exhibit: warning: --no-writeblock-check: " + loop.path()
                            + " is acquired without checking that it is write-blocked; nothing stops this system from"
                            + " writing to it, and the log records the check as not made");
            assertThat(r.out()).doesNotContain("warning");
        }
        AcquisitionLog log = log(out);
        JsonNode writeBlock = log.first("source").orElseThrow().path("writeBlock");
        assertThat(writeBlock.path("method").asText()).isEqualTo("not checked: --no-writeblock-check");
        assertThat(writeBlock.path("hardwareBlocker").asText()).isEqualTo("none declared");
        assertThat(log.first("start")
                        .orElseThrow()
                        .path("options")
                        .path("writeBlockCheck")
                        .asBoolean())
                .isFalse();
        assertThat(log.all("writeblock-check")).isEmpty();
    }

    @Test
    void acquire_resumeOfAnAcquisitionStartedWithoutTheCheck_warnsAgain() throws IOException {
        long size = 4L << 20;
        Path out = dir.resolve("out");
        try (FaultyDevice device = FaultyDevice.start(
                DiskContent.pattern(size, 41),
                BadSectors.parse("100,200", size / 512),
                FaultyDevice.Options.defaults())) {
            String dev = device.blockDevice().toString();
            CliRunner.Result stopped =
                    CliRunner.run("acquire", "--no-writeblock-check", "--max-bad", "1", dev, out.toString());
            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(ExitCodes.EVIDENCE);

            CliRunner.Result resumed = CliRunner.run("acquire", "--resume", out.toString(), "--max-bad", "10");

            assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.OK);
            assertThat(resumed.err())
                    .startsWith("exhibit: warning: --no-writeblock-check: " + dev + " is acquired without checking");
        }
    }
}

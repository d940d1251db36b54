package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertBadRangesAreTheRuns;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertMapListsExactly;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.acquire.AcquisitionOracle.types;
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
import java.util.NavigableSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit acquire} through the command line: write-blocking, --max-bad and resume, on real devices. */
class AcquireCommandTest {
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
    void acquire_withNoWriteblockCheck_acquiresAWritableDevice_andTheLogSaysSo() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "8M");
        Path out = dir.resolve("out");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            CliRunner.Result r = CliRunner.run(
                    "acquire", "--no-writeblock-check", loop.path().toString(), out.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
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
    void acquire_stopsPastMaxBad_resumableWithALargerLimit() throws IOException {
        long size = 32L << 20;
        NavigableSet<Long> bad = BadSectors.parse("50@random:9", size / SECTOR);
        Path out = dir.resolve("out");
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(size, 41), bad, FaultyDevice.Options.defaults())) {
            String dev = device.blockDevice().toString();
            CliRunner.Result stopped =
                    CliRunner.run("acquire", "--max-bad", "10", "--window", "16MiB", dev, out.toString());
            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(ExitCodes.EVIDENCE);
            assertOneLineError(stopped)
                    .contains("more than 10 unreadable sectors")
                    .contains("exhibit acquire --resume " + out);
            JsonNode failure = log(out).entries().getLast().record();
            assertThat(failure.path("type").asText()).isEqualTo("failure");
            assertThat(failure.path("kind").asText()).isEqualTo("evidence");
            assertThat(failure.path("resumable").asBoolean()).isTrue();
            assertThat(out.resolve("image.raw")).exists();
            // bad ranges are logged before the windows that hold them: here some lie past the last logged window,
            // and the resumed run must not log them again
            long windowsEnd = log(out).all("window").size() * (16L << 20);
            assertThat(log(out).all("bad-range"))
                    .anySatisfy(r -> assertThat(r.path("byteOffset").asLong()).isGreaterThanOrEqualTo(windowsEnd));

            CliRunner.Result resumed = CliRunner.run("acquire", "--resume", out.toString(), "--max-bad", "100");
            assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.OK);
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
        }
        assertThat(types(log(out))).containsSubsequence("start", "source", "failure", "resume", "end");
        assertMapListsExactly(out, bad);
        assertBadRangesAreTheRuns(log(out), bad, 0);
        assertLoggedHashesMatchImage(out);
        assertThat(log(out).last("end").orElseThrow().path("badSectorCount").asLong())
                .isEqualTo(bad.size());
        CliRunner.Result verify = CliRunner.run("verify", out.toString());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.OK);
    }

    /** The error, checked to be one line without a stack trace, for further assertions. */
    static org.assertj.core.api.AbstractStringAssert<?> assertOneLineError(CliRunner.Result r) {
        assertThat(r.err().lines().toList()).as("stderr of %s", r).hasSize(1);
        assertThat(r.err())
                .startsWith("exhibit: error: ")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        return assertThat(r.err().strip());
    }
}

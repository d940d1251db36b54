package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.acquire.EwfOracle.asRaw;
import static dev.exhibit.acquire.EwfOracle.assertEwfverifyPasses;
import static dev.exhibit.acquire.EwfOracle.assertSegmentRecordsMatchFiles;
import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.EwfOracle;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code exhibit acquire --format e01} as a user runs it: options that do not fit are refused in one line, a run killed
 * with SIGKILL or stopped by a full destination resumes to the source's hashes in an E01 that ewfverify accepts.
 */
class AcquireCommandEwfTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --segment-size 512KiB                  | --segment-size 512KiB (524288 bytes) is below the minimum
            --compression fastest                  | fastest
            --chunk-sectors 100                    | --chunk-sectors 100
            --split 2MiB                           | --split 2MiB makes a split-raw image, not e01
            --fill hex:ff                          | --fill hex:ff: an E01 holds zeros at unreadable sectors
            """)
    void acquire_e01WithAnOptionItRefuses_isAUsageErrorNamingTheValue(String option, String message)
            throws IOException {
        Path source = EwfOracle.mixedSource(dir.resolve("source.img"), 1 << 20, 1);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("acquire", source.toString(), out.toString(), "--format", "e01"));
        args.addAll(List.of(option.split(" ")));

        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));

        assertUsageError(r, message);
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --compression best                     | --compression best is for --format e01
            --format split-raw                     | --format split-raw needs --split SIZE
            --format e02                           | --format e02: unknown image format; give one of raw, split-raw, e01
            --format raw --split 2MiB              | --split 2MiB makes a split-raw image, not raw
            """)
    void acquire_imageOptionsThatDoNotFitTogether_areUsageErrors(String options, String message) throws IOException {
        Path source = EwfOracle.mixedSource(dir.resolve("source.img"), 1 << 20, 1);
        List<String> args = new ArrayList<>(
                List.of("acquire", source.toString(), dir.resolve("out").toString()));
        args.addAll(List.of(options.split(" ")));

        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));

        assertUsageError(r, message);
    }

    /** A usage error is the one line naming what is wrong, then where to find help (picocli's two lines). */
    private static void assertUsageError(CliRunner.Result r, String message) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(2);
        assertThat(r.err())
                .startsWith("exhibit: usage error: ")
                .contains(message)
                .doesNotContain("Exception");
    }

    @Test
    void acquire_e01OfALoopDevice_killedThreeTimes_resumesToTheSourcesHashes() throws Exception {
        Path file = EwfOracle.mixedSource(dir.resolve("source.img"), 192L << 20, 7);
        Map<String, String> sums = sums(file);
        try (LoopDevice loop = LoopDevice.attach(file, LoopDevice.Options.readOnlyDisk())) {
            Path out = dir.resolve("out");
            // small segments: every segment ends its chunk group, so a resume keeps what the finished ones hold; and
            // many of them (about 18 whatever the deflate library), so that the set is not finished at the third kill
            List<String> acquire = List.of(
                    "acquire",
                    loop.path().toString(),
                    out.toString(),
                    "--format",
                    "e01",
                    "--segment-size",
                    "4MiB",
                    "--window",
                    "4MiB",
                    "--case-number",
                    "K-1");
            killWhenSegmentExists(CliRunner.spawn(acquire, dir.resolve("1.out"), dir.resolve("1.err")), out, 3);
            resumeAndKillWhenSegmentExists(out, 6);
            resumeAndKillWhenSegmentExists(out, 9);

            CliRunner.Result r = CliRunner.run("acquire", "--resume", out.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        }
        Path out = dir.resolve("out");
        JsonNode end = log(out).last("end").orElseThrow();
        sums.forEach((alg, sum) ->
                assertThat(end.path("hashes").path(alg).asText()).as(alg).isEqualTo(sum));
        List<JsonNode> resumes = log(out).all("resume");
        assertThat(resumes).hasSize(3);
        assertThat(resumes)
                .allSatisfy(x ->
                        assertThat(x.path("e01").path("keptBytes").asLong()).isPositive());
        assertEwfverifyPasses(out);
        assertSegmentRecordsMatchFiles(out);
        assertThat(Files.mismatch(asRaw(out, dir.resolve("raw")).resolve("image.raw"), file))
                .isEqualTo(-1);
        assertThat(Proc.run("ewfinfo", out.resolve("image.E01").toString()).ok().stdout())
                .contains("K-1");
        CliRunner.Result verify = CliRunner.run("verify", out.toString());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void acquire_e01OntoAFullDestination_failsInOneLine_thenResumesOnceThereIsRoom() throws IOException {
        byte[] random = new byte[96 << 20];
        new Random(3).nextBytes(random);
        Path source = Files.write(dir.resolve("random.img"), random);
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Proc.run("mount", "-t", "tmpfs", "-o", "size=40m", "exhibit-test-dest", dest.toString())
                .ok();
        try {
            Path out = dest.resolve("out");
            CliRunner.Result full = CliRunner.run(
                    "acquire", source.toString(), out.toString(), "--format", "e01", "--segment-size", "16MiB");
            assertThat(full.exit()).as(full.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertOneLineError(full)
                    .contains("destination full: " + out.resolve("image.E0"))
                    .contains("No space left on device")
                    .contains("exhibit acquire --resume " + out);
            JsonNode failure = log(out).entries().getLast().record();
            assertThat(failure.path("kind").asText()).isEqualTo("destination-full");

            Proc.run("mount", "-o", "remount,size=200m", dest.toString()).ok();
            CliRunner.Result resumed = CliRunner.run("acquire", "--resume", out.toString());
            assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.OK);
            assertThat(log(out).last("resume")
                            .orElseThrow()
                            .path("e01")
                            .path("keptBytes")
                            .asLong())
                    .as("the segments finished before the disk filled are kept")
                    .isPositive();
            assertThat(log(out).last("end")
                            .orElseThrow()
                            .path("hashes")
                            .path("sha256")
                            .asText())
                    .isEqualTo(Proc.firstField(
                            Proc.run("sha256sum", source.toString()).ok()));
            assertEwfverifyPasses(out);
            assertSegmentRecordsMatchFiles(out);
        } finally {
            Proc.run("umount", dest.toString()).ok();
        }
    }

    private void resumeAndKillWhenSegmentExists(Path out, int segment) throws Exception {
        Process p = CliRunner.spawn(
                List.of("acquire", "--resume", out.toString()),
                dir.resolve(segment + ".out"),
                dir.resolve(segment + ".err"));
        killWhenSegmentExists(p, out, segment);
    }

    /** SIGKILL once segment file {@code number} exists: the segments before it are finished, chunk groups and all. */
    private static void killWhenSegmentExists(Process child, Path out, int number) throws Exception {
        Path segment = out.resolve(String.format("image.E%02d", number));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (child.isAlive() && !Files.exists(segment)) {
            assertThat(System.nanoTime()).as("time to reach %s", segment).isLessThan(deadline);
            Thread.sleep(2);
        }
        assertThat(child.isAlive())
                .as("still acquiring when %s appeared", segment)
                .isTrue();
        child.destroyForcibly();
        child.waitFor();
        assertThat(log(out).status()).isEqualTo("incomplete");
    }

    private static Map<String, String> sums(Path file) {
        return Map.of(
                "md5", Proc.firstField(Proc.run("md5sum", file.toString()).ok()),
                "sha1", Proc.firstField(Proc.run("sha1sum", file.toString()).ok()),
                "sha256", Proc.firstField(Proc.run("sha256sum", file.toString()).ok()));
    }
}

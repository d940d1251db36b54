package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.acquire.AcquisitionOracle.types;
import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB acquisition killed (SIGKILL) or interrupted (SIGINT) in a child JVM, then resumed: the final SHA-256 is the
 * source's every time, verify passes, and the log's chain holds the interruption and the resume.
 */
class AcquireCommandInterruptTest {
    static final long SIZE = 1L << 30;
    static final int KILLS = 20;

    @TempDir
    static Path dir;

    static LoopDevice source;
    static String sourceSha256;

    @BeforeAll
    static void source() throws IOException {
        Path file = dir.resolve("source.img");
        DiskContent content = DiskContent.pattern(SIZE, 51);
        try (Arena arena = Arena.ofConfined();
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MemorySegment buf = arena.allocate(8 << 20);
            for (long at = 0; at < SIZE; at += buf.byteSize()) {
                content.read(at, buf);
                ch.write(buf.asByteBuffer(), at);
            }
        }
        sourceSha256 = Proc.firstField(Proc.run("sha256sum", file.toString()).ok());
        source = LoopDevice.attach(file, LoopDevice.Options.readOnlyDisk());
    }

    @AfterAll
    static void detach() throws IOException {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void acquire_killedAt20RandomMoments_resumesToTheSourcesSha256EveryTime() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int resumed = 0;
        boolean triedEnd = false;
        for (int attempt = 0; resumed < KILLS; attempt++) {
            assertThat(attempt).as("attempts (seed %d)", seed).isLessThan(KILLS + 10);
            // the first image byte, random ones, and once the whole image written (the map and end record racing)
            long moment = resumed == 0 ? 0 : resumed == KILLS - 1 && !triedEnd ? SIZE : random.nextLong(SIZE);
            triedEnd |= moment == SIZE;
            Path out = dir.resolve("killed-" + attempt);
            Process child = spawnAcquire(out);
            waitForImageBytes(child, out, moment);
            child.destroyForcibly();
            child.waitFor();
            if (child.exitValue() == 0) {
                continue; // finished before the kill: not an interruption; draw another moment
            }
            String context = "killed at image byte >= " + moment + " (seed " + seed + ")";
            assertThat(log(out).status()).as(context).isNotEqualTo("complete");
            assertResumesToTheSource(out, context);
            AcquisitionLog log = log(out);
            JsonNode resume = log.last("resume").orElseThrow();
            assertThat(resume.path("previousStatus").asText()).as(context).isEqualTo("incomplete");
            assertThat(types(log)).as(context).containsSubsequence("start", "source", "resume", "end");
            delete(out);
            resumed++;
        }
    }

    @Test
    void acquire_interruptedWithSigint_exits130_logsIt_andResumes() throws Exception {
        Path out = dir.resolve("sigint");
        Process child = spawnAcquire(out);
        waitForImageBytes(child, out, SIZE / 4);
        Proc.run("kill", "-INT", String.valueOf(child.pid())).ok();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        CliRunner.Result r = new CliRunner.Result(
                child.exitValue(),
                Files.readString(out.resolveSibling("sigint.out")),
                Files.readString(out.resolveSibling("sigint.err")));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.INTERRUPTED);
        assertOneLineError(r).contains("interrupted (SIGINT) at source byte").contains("--resume " + out);
        JsonNode failure = log(out).entries().getLast().record();
        assertThat(failure.path("type").asText()).isEqualTo("failure");
        assertThat(failure.path("kind").asText()).isEqualTo("interrupted");
        assertThat(failure.path("resumable").asBoolean()).isTrue();
        assertResumesToTheSource(out, "after SIGINT");
        assertThat(log(out).last("resume").orElseThrow().path("previousStatus").asText())
                .isEqualTo("failed");
        delete(out);
    }

    private static Process spawnAcquire(Path out) throws IOException {
        return CliRunner.spawn(
                List.of("acquire", "--hash", "sha256", source.path().toString(), out.toString()),
                out.resolveSibling(out.getFileName() + ".out"),
                out.resolveSibling(out.getFileName() + ".err"));
    }

    /** Waits until the image file holds at least {@code bytes}, or the child has ended. */
    private static void waitForImageBytes(Process child, Path out, long bytes) throws Exception {
        Path image = out.resolve("image.raw");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (child.isAlive() && (!Files.exists(image) || Files.size(image) < bytes)) {
            assertThat(System.nanoTime())
                    .as("time to reach image byte %d", bytes)
                    .isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    private static void assertResumesToTheSource(Path out, String context) throws IOException {
        CliRunner.Result resumed = CliRunner.run("acquire", "--resume", out.toString());
        assertThat(resumed.exit()).as(context + ": " + resumed).isEqualTo(ExitCodes.OK);
        AcquisitionLog log = log(out);
        assertThat(log.last("end").orElseThrow().path("hashes").path("sha256").asText())
                .as(context)
                .isEqualTo(sourceSha256);
        CliRunner.Result verify = CliRunner.run("verify", out.toString());
        assertThat(verify.exit()).as(context + ": " + verify).isEqualTo(ExitCodes.OK);
    }

    private static void delete(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertBadRangesAreTheRuns;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertMapListsExactly;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.acquire.AcquisitionOracle.types;
import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NavigableSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit acquire --max-bad N} on a faulty device: a clean, resumable stop. */
class AcquireCommandMaxBadTest {
    @TempDir
    Path dir;

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
}

package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.log;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.writeblock.WriteBlocker;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskImages;
import dev.exhibit.testkit.LoopDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel read-only flag, re-checked while a block device is acquired (real loop devices, as root). */
class AcquisitionWriteBlockTest {
    @TempDir
    Path dir;

    private Duration interval;

    @BeforeEach
    void checkOften() {
        interval = AcquisitionRun.checkInterval(Duration.ofMillis(1));
    }

    @AfterEach
    void restoreInterval() {
        AcquisitionRun.checkInterval(interval);
    }

    @Test
    void acquire_seesTheReadOnlyFlagResetDuringTheRun_logsItAndSetsItAgain() throws IOException {
        Path image = DiskImages.blank(dir.resolve("disk.img"), "64M");
        try (LoopDevice loop = LoopDevice.attach(image, LoopDevice.Options.writable())) {
            WriteBlocker.apply(loop.path());
            AtomicBoolean reset = new AtomicBoolean();
            Progress resetOnce = s -> {
                if (reset.compareAndSet(false, true)) {
                    // as a kernel that revalidates a drive would
                    Proc.run("blockdev", "--setrw", loop.path().toString()).ok();
                    sleep(Duration.ofMillis(5));
                }
            };
            Acquire.of(loop.path(), dir.resolve("out")).progress(resetOnce).run();

            assertThat(reset).isTrue();
            assertThat(readOnlyFlag(loop.path())).as("flag after the run").isEqualTo("1");
            List<JsonNode> checks = log(dir.resolve("out")).all("writeblock-check");
            assertThat(checks).hasSizeGreaterThanOrEqualTo(2);
            JsonNode lapse = checks.stream()
                    .filter(c -> !c.path("ok").asBoolean())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no check saw the reset flag: " + checks));
            assertThat(lapse.path("lapses").toString())
                    .contains("the kernel read-only flag of " + loop.path() + " was reset");
            assertThat(lapse.path("restored").toString()).contains(loop.path().toString());
            assertThat(checks.getLast().path("ok").asBoolean())
                    .as("the last check")
                    .isTrue();
        }
    }

    private static String readOnlyFlag(Path device) {
        return Proc.run("blockdev", "--getro", device.toString()).ok().stdout().strip();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertBadRangesAreTheRuns;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertMapListsExactly;
import static dev.exhibit.acquire.AcquisitionOracle.assertVerifies;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --retries N}: each bad sector is read again N times, and a failing drive is not hammered beyond that. */
class AcquisitionRetryTest {
    static final long SIZE = 8L << 20;
    /** Lone bad sectors (each alone in its 64 KiB cluster), scraped as pass 1 meets them. */
    static final String SCATTERED = "100,5000,5600";
    /**
     * Plus a pair, two in one cluster, a clustered area (skipped, then trimmed and scraped) and one after it, in the
     * same read block.
     */
    static final String BAD = SCATTERED + ",3000,3001,6000,6002,9000-9799,16000";
    /**
     * Failed reads wider than a sector that may touch a bad sector: pass 1's bulk read, the bulk read after a skip,
     * the cluster read, and the kernel's re-issue of the failing rest of a read that partly succeeded (the loop driver
     * retries a short read of its backing file).
     */
    static final int WIDER_FAILED_READS = 4;
    /**
     * For a lone bad sector: the bulk read, the cluster read and its 4 KiB page (the faulty device fails fast, so
     * failing reads are cheap there and the scrape goes through pages, see ClusterScraper).
     */
    static final int WIDER_FAILED_READS_SCATTERED = 3;

    @TempDir
    Path dir;

    @Test
    void acquire_readsEachBadSectorAloneOncePlusItsRetries_andTouchesItFewTimesMore() throws IOException {
        int retries = 3;
        NavigableSet<Long> bad = BadSectors.parse(BAD, SIZE / SECTOR);
        Path out = dir.resolve("out");
        Map<Long, Integer> alone = new TreeMap<>();
        Map<Long, Integer> touching = new TreeMap<>();
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(SIZE, 21), bad, FaultyDevice.Options.defaults())) {
            device.clearReads();
            Acquire.of(device.blockDevice(), out).retries(retries).run();
            for (FaultyDevice.Read r : device.reads()) {
                long first = r.byteOffset() / SECTOR;
                long end = (r.byteOffset() + r.lengthBytes() + SECTOR - 1) / SECTOR;
                for (long s : bad.subSet(first, true, end, false)) {
                    touching.merge(s, 1, Integer::sum);
                    if (r.lengthBytes() == SECTOR) {
                        alone.merge(s, 1, Integer::sum);
                    }
                }
            }
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
        }
        assertThat(alone.keySet()).containsExactlyElementsOf(bad);
        assertThat(alone.values()).as("reads of each bad sector alone").containsOnly(1 + retries);
        Map<Long, Integer> scattered = new TreeMap<>(touching);
        scattered.keySet().retainAll(BadSectors.parse(SCATTERED, SIZE / SECTOR));
        scattered.values().removeIf(n -> n <= 1 + retries + WIDER_FAILED_READS_SCATTERED);
        assertThat(scattered)
                .as("lone bad sectors read more often, by reads of any size")
                .isEmpty();
        touching.values().removeIf(n -> n <= 1 + retries + WIDER_FAILED_READS);
        assertThat(touching)
                .as("bad sectors read more often, by reads of any size")
                .isEmpty();
        assertMapListsExactly(out, bad);
        assertBadRangesAreTheRuns(log(out), bad, retries);
    }

    @Test
    void acquire_getsEverySectorThatReadsOnItsLastRetry() throws IOException {
        NavigableSet<Long> weak = BadSectors.parse(BAD, SIZE / SECTOR);
        Path out = dir.resolve("out");
        FaultyDevice.Options readsOnThirdTry = FaultyDevice.Options.defaults().withFailuresBeforeRecovery(2);
        try (FaultyDevice device = FaultyDevice.start(DiskContent.pattern(SIZE, 22), weak, readsOnThirdTry)) {
            Acquisition.Result result =
                    Acquire.of(device.blockDevice(), out).retries(2).run();
            assertThat(result.badSectors()).isZero();
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), new TreeSet<>(), new byte[SECTOR]);
        }
        assertMapListsExactly(out, new TreeSet<>());
        assertThat(log(out).all("bad-range")).isEmpty();
        assertLoggedHashesMatchImage(out);
        assertVerifies(out);
    }

    @Test
    void acquire_onADriveWhoseFailingReadsAreSlow_failsEachLaterBadSectorOnlyInItsClusterAndAlone() throws IOException {
        // one in the first 4 MiB read block, the others in the second
        NavigableSet<Long> bad = BadSectors.parse("100,9000,10400,12000,15000", SIZE / SECTOR);
        Path out = dir.resolve("out");
        FaultyDevice.Options slow = FaultyDevice.Options.defaults().withBadReadDelay(Duration.ofMillis(50));
        TreeMap<Long, Integer> failedTouching = new TreeMap<>();
        try (FaultyDevice device = FaultyDevice.start(DiskContent.pattern(SIZE, 23), bad, slow)) {
            device.clearReads();
            Acquire.of(device.blockDevice(), out).run();
            for (FaultyDevice.Read r : device.reads()) {
                long first = r.byteOffset() / SECTOR;
                long end = (r.byteOffset() + r.lengthBytes() + SECTOR - 1) / SECTOR;
                for (long s : bad.subSet(first, true, end, false)) {
                    failedTouching.merge(s, 1, Integer::sum);
                }
            }
        }
        // The first bad sector fails the bulk read, its cluster and itself, and shows failing reads to be slow; from
        // then on reads near failures are one cluster long (ReadPace), so each later one fails twice, like ddrescue -d.
        assertThat(failedTouching.get(bad.first())).isLessThanOrEqualTo(1 + WIDER_FAILED_READS_SCATTERED);
        assertThat(failedTouching.tailMap(bad.first(), false).values()).containsOnly(2);
        assertMapListsExactly(out, bad);
    }
}

package dev.exhibit.acquire.badsector;

/**
 * How long the rescue's next bulk read is. Reads start at the buffer size in pass 1 and at one cluster in pass 2 (the
 * skipped areas lie next to failures), fall back to one cluster after a failing cluster, and double after each good
 * read. Where a failing read is costly, as on a drive that retries a bad sector for seconds, reads stay one cluster
 * long until {@link #CALM_BYTES} past the last failure: a larger read there fails as a whole and its clusters are then
 * read again, so each bad sector would fail twice before it is scraped, instead of once.
 */
final class ReadPace {
    /** How far past the last failing cluster reads stay one cluster long while failures are costly. */
    static final long CALM_BYTES = 16L << 20;
    /**
     * A failing read is costly when it takes longer than this many good one-cluster reads. Near scattered failures
     * (one a MiB), one-cluster reads cost about 16 more reads per failure they spare; the threshold is lower because
     * sparing a failing drive matters more than time, and timings of good reads are noisy on a busy machine. A real
     * drive that retries a bad sector takes seconds, thousands of cluster reads; the test kit's faulty device without
     * a delay fails faster than it reads.
     */
    static final int COSTLY_FAILURE_CLUSTER_READS = 4;

    private final long maxBytes;
    private final long clusterBytes;
    private long readBytes;
    private long lastFailureEnd = Long.MIN_VALUE / 2;
    /** Moving averages of failing and good one-cluster reads, in nanoseconds; 0 until measured. */
    private long failedNanos;

    private long goodNanos;

    ReadPace(long maxBytes, long clusterBytes) {
        this.maxBytes = maxBytes;
        this.clusterBytes = clusterBytes;
        this.readBytes = maxBytes;
    }

    /** Starts a copying pass: pass 1 with large reads, pass 2 (skipped areas) with one cluster. */
    void startPass(boolean firstPass) {
        readBytes = firstPass ? maxBytes : clusterBytes;
    }

    /** The length of the next bulk read. */
    long readBytes() {
        return readBytes;
    }

    /** A bulk read ending at {@code endByte} got every byte. */
    void good(long endByte) {
        if (endByte - lastFailureEnd >= CALM_BYTES || !failuresCostly()) {
            readBytes = Math.min(maxBytes, readBytes * 2);
        }
    }

    /** A cluster ending at {@code endByte} failed. */
    void failed(long endByte) {
        lastFailureEnd = endByte;
        readBytes = clusterBytes;
    }

    /** Times one read of one cluster: good or failing. */
    void measured(boolean good, long nanos) {
        if (good) {
            goodNanos = goodNanos == 0 ? nanos : (goodNanos * 7 + nanos) / 8;
        } else {
            failedNanos = failedNanos == 0 ? nanos : (failedNanos * 7 + nanos) / 8;
        }
    }

    /** Whether failing reads cost more than the extra reads of staying one cluster long (assumed until measured). */
    boolean failuresCostly() {
        return goodNanos == 0 || failedNanos > COSTLY_FAILURE_CLUSTER_READS * goodNanos;
    }
}

package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import dev.exhibit.acquire.source.SourceDevice;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a source into the image the way GNU ddrescue rescues a failing drive, while keeping dc3dd's exactness: only
 * sectors that cannot be read are filled.
 *
 * <ol>
 *   <li><b>Copying, pass 1.</b> Large reads, with direct I/O from a block device. When one fails, its block is read
 *       again in 64 KiB clusters with direct I/O (so the page cache cannot hide or spread the error), and a lone
 *       failing cluster is scraped at once, with its retries ({@link ClusterScraper}), so scattered bad sectors cost
 *       no second pass and the image is hashed as it is written. When failures cluster (two failing clusters in a row,
 *       or four bad sectors in a row), the area is left for later and the read skips ahead, the skip doubling while
 *       failures go on, so a dying drive is not hammered where it is worst. After a failing cluster, reads start
 *       again at one cluster and double while they succeed; where failing reads are slow, they stay one cluster
 *       long near failures ({@link ReadPace}).
 *   <li><b>Copying, pass 2.</b> The skipped areas, read the same way (from one cluster up) without skipping;
 *       failing clusters are left for trimming.
 *   <li><b>Trimming.</b> Each failed area is read sector by sector from its leading edge forwards and from its
 *       trailing edge backwards, each up to the first bad sector.
 *   <li><b>Scraping.</b> What lies between is read sector by sector.
 *   <li><b>Retrying.</b> Each bad sector found after pass 1 is read again, once per retry pass.
 * </ol>
 *
 * The rescue map records every step, so an interrupted rescue resumes from it.
 */
public final class Rescuer {
    /** Read again with direct I/O in units of this size after a failed bulk read, as ddrescue's default cluster. */
    public static final int CLUSTER_BYTES = 64 * 1024;
    /** The first skip after clustered failures; it doubles while they go on. */
    static final long MIN_SKIP_BYTES = 64 * 1024;
    /** The longest skip, whatever the size of the source. */
    static final long MAX_SKIP_BYTES = 1L << 30;
    /** Consecutive failing clusters that make an area "clustered" and skipped. */
    static final int CLUSTERED_FAILED_CLUSTERS = 2;
    /** Consecutive bad sectors, while scraping at once, that make an area "clustered" and skipped. */
    static final int CLUSTERED_FAILED_SECTORS = 4;
    /** Alignment of direct reads of a regular file: a page, which satisfies the direct-I/O rule of Linux file systems. */
    static final int FILE_DIRECT_ALIGN_BYTES = 4096;

    private static final Set<BlockStatus> NON_TRIED = EnumSet.of(BlockStatus.NON_TRIED);

    /**
     * @param retries how many more times each bad sector is read after it first fails
     * @param fill what a sector that stays unreadable is replaced with
     */
    public record Policy(int retries, FillPattern fill) {
        public Policy {
            if (retries < 0) {
                throw new IllegalArgumentException("--retries (" + retries + ") must not be negative");
            }
        }
    }

    /** Called between reads, on the rescue's thread: progress, cancellation, periodic checks. May throw to stop. */
    @FunctionalInterface
    public interface Hooks {
        void between() throws IOException;
    }

    private final SectorReads reads;
    private final Frontier frontier;
    private final RescueMap map;
    private final BufferPool pool;
    private final Policy policy;
    private final Hooks hooks;
    private final boolean skipping;
    /** Bulk reads with offset and length multiples of this are direct. */
    private final int directAlignBytes;

    private final int sectorBytes;
    private final long maxSkipBytes;
    private long skipBytes;
    private final ReadPace pace;
    private final SectorPasses passes;
    private final ClusterScraper scraper;
    /** Failing clusters since the last good read: a skip that lands on one more leaves that area for later. */
    private int failedClustersInRow;

    /**
     * @param skipping whether clustered failures are skipped and come back later (an acquisition), or scraped at once
     *     so the source is read strictly in order (a verification, which has no image to catch up from)
     */
    public Rescuer(
            SourceDevice source, Frontier frontier, BufferPool pool, Policy policy, Hooks hooks, boolean skipping) {
        this.skipping = skipping;
        this.reads = new SectorReads(source);
        this.frontier = frontier;
        this.map = frontier.map();
        this.pool = pool;
        this.policy = policy;
        this.hooks = hooks;
        this.sectorBytes = source.logicalSectorBytes();
        this.directAlignBytes = source.isBlockDevice() ? sectorBytes : Math.max(sectorBytes, FILE_DIRECT_ALIGN_BYTES);
        this.pace = new ReadPace(pool.bufferBytes(), CLUSTER_BYTES);
        this.passes = new SectorPasses(reads, frontier, pool, policy, hooks);
        this.scraper = new ClusterScraper(reads, policy, pace);
        // a whole number of clusters: a skip lands where direct reads may start
        long skipCap = Math.min(MAX_SKIP_BYTES, source.sizeBytes() / 100) / CLUSTER_BYTES * CLUSTER_BYTES;
        this.maxSkipBytes = Math.max(MIN_SKIP_BYTES, skipCap);
        if (pool.bufferBytes() % CLUSTER_BYTES != 0 || CLUSTER_BYTES % sectorBytes != 0) {
            throw new IllegalArgumentException(
                    "buffers of " + pool.bufferBytes() + " bytes must hold whole clusters of " + CLUSTER_BYTES
                            + " bytes, and clusters whole sectors of " + sectorBytes);
        }
    }

    /** When a read last returned good bytes, in {@link System#nanoTime()} units: a stalled drive shows here. */
    public long lastGoodReadNanos() {
        return reads.lastGoodNanos();
    }

    /** Rescues every byte the map has not finished, then hashes what is left to hash. */
    public void run() throws IOException {
        copy(true);
        copy(false);
        passes.trim();
        passes.scrape();
        for (int pass = 1; pass <= policy.retries(); pass++) {
            passes.retry(pass);
        }
        map.setPosition(new RescueMap.Position(map.endByte(), RescuePhase.FINISHED, 1));
        frontier.finish();
    }

    private void copy(boolean firstPass) throws IOException {
        long block = pool.bufferBytes();
        // Skipped areas lie next to failures: start a cluster at a time there, so that a bulk read does not fail again
        // on what the skip left, and grow the reads while they succeed.
        pace.startPass(firstPass);
        failedClustersInRow = 0;
        long cursor = map.beginByte();
        Block region;
        while ((region = map.next(cursor, NON_TRIED)) != null) {
            long p = region.byteOffset();
            long end = region.endByte();
            while (p < end) {
                hooks.between();
                map.setPosition(new RescueMap.Position(p, RescuePhase.COPYING, firstPass ? 1 : 2));
                long blockEnd = Math.min(end, Math.min((p / block + 1) * block, p + pace.readBytes()));
                p = Math.min(end, readBlock(p, blockEnd, firstPass));
            }
            cursor = end;
        }
    }

    /**
     * Reads bytes [p, blockEnd) and returns where reading goes on. A block device is read with direct I/O: through
     * the page cache, one bad sector fails its whole page or folio, and the kernel reads it again two or three times
     * before it gives up, which hammers a failing drive and costs time. An image file is read with direct I/O too: a
     * copy out of the page cache costs as much CPU as a fast digest, CPU that the hashers need, and a large image
     * would only push the rest of the cache out. Its last, unaligned bytes are read through the page cache.
     */
    private long readBlock(long p, long blockEnd, boolean firstPass) throws IOException {
        Lease lease = takeBuffer();
        try {
            MemorySegment buf = lease.buffer();
            long len = blockEnd - p;
            boolean direct = p % directAlignBytes == 0 && len % directAlignBytes == 0;
            long before = System.nanoTime();
            SectorReads.Outcome r = reads.read(buf.asSlice(0, len), p, direct);
            if (direct && len == CLUSTER_BYTES) {
                pace.measured(r.complete(len), System.nanoTime() - before);
            }
            if (r.complete(len)) {
                frontier.deliver(lease, p, buf.asSlice(0, len), List.of());
                skipBytes = 0;
                failedClustersInRow = 0;
                pace.good(blockEnd);
                return blockEnd;
            }
            long q = p + alignDown(r.bytes());
            if (q > p) {
                frontier.deliver(lease, p, buf.asSlice(0, q - p), List.of());
            }
            // a direct read that failed within one cluster has told what reading that cluster again would
            boolean clusterFailed = direct && blockEnd <= (q / CLUSTER_BYTES + 1) * CLUSTER_BYTES;
            return resolve(lease, p, q, blockEnd, firstPass, clusterFailed);
        } finally {
            lease.release();
        }
    }

    /**
     * After a failed bulk read at {@code q}: bytes [q, blockEnd) of the buffer that holds [p, blockEnd).
     *
     * @param firstClusterFailed whether the cluster at {@code q} is known to fail, and need not be read again
     */
    private long resolve(Lease lease, long p, long q, long blockEnd, boolean firstPass, boolean firstClusterFailed)
            throws IOException {
        MemorySegment buf = lease.buffer();
        long start = q;
        List<BadRun> runs = new ArrayList<>();
        long c = q;
        while (c < blockEnd) {
            long ce = Math.min(blockEnd, (c / CLUSTER_BYTES + 1) * CLUSTER_BYTES);
            long before = System.nanoTime();
            SectorReads.Outcome cr = firstClusterFailed ? null : reads.read(buf.asSlice(c - p, ce - c), c, true);
            firstClusterFailed = false;
            if (cr != null) {
                pace.measured(cr.complete(ce - c), System.nanoTime() - before);
            }
            if (cr != null && cr.complete(ce - c)) {
                c = ce;
                failedClustersInRow = 0;
                continue;
            }
            c += cr == null ? 0 : alignDown(cr.bytes());
            failedClustersInRow++;
            pace.failed(ce);
            long stop = c;
            if (firstPass && (!skipping || failedClustersInRow < CLUSTERED_FAILED_CLUSTERS)) {
                stop = scraper.scrape(buf, p, c, ce, runs, skipping);
                if (stop == ce) {
                    c = ce;
                    continue;
                }
            }
            if (stop > start) {
                frontier.deliver(lease, start, buf.asSlice(start - p, stop - start), runs);
            }
            runs = new ArrayList<>();
            map.mark(stop, ce - stop, BlockStatus.NON_TRIMMED);
            if (firstPass) {
                skipBytes = Math.min(maxSkipBytes, skipBytes == 0 ? MIN_SKIP_BYTES : skipBytes * 2);
                return ce + skipBytes;
            }
            c = ce;
            start = ce;
        }
        if (blockEnd > start) {
            frontier.deliver(lease, start, buf.asSlice(start - p, blockEnd - start), runs);
        }
        return blockEnd;
    }

    private Lease takeBuffer() throws IOException {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a buffer", e);
        }
    }

    private long alignDown(long bytes) {
        return bytes - bytes % sectorBytes;
    }
}

package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.pipeline.BadRun;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Scrapes a failing cluster in pass 1, in the buffer that holds it: every sector is read, alone or within a larger
 * good read, and each bad one is read again {@code --retries} times and filled.
 *
 * <p>Past the first failing piece, the rest is most often good: it is tried in one read (once), which fails only on
 * another bad sector that the scan would meet anyway. Where failing reads are cheap ({@link ReadPace}), the cluster is
 * first read in 4 KiB pages and only a failing page sector by sector: about 14 reads for a lone bad sector instead of
 * 65, for one more failing read. Where they are costly, sectors are read one by one from the start.
 */
final class ClusterScraper {
    /** The middle step where failing reads are cheap: a page, the unit a buffered reader would fail in. */
    static final int PAGE_BYTES = 4096;

    private final SectorReads reads;
    private final Rescuer.Policy policy;
    private final ReadPace pace;
    private final int sectorBytes;
    private int consecutiveBad;

    ClusterScraper(SectorReads reads, Rescuer.Policy policy, ReadPace pace) {
        this.reads = reads;
        this.policy = policy;
        this.pace = pace;
        this.sectorBytes = reads.source().logicalSectorBytes();
    }

    /**
     * Reads bytes [from, to) into {@code buf} (which holds bytes from {@code p}), filling bad sectors and adding them to
     * {@code runs}; stops early, if {@code mayStop}, after {@link Rescuer#CLUSTERED_FAILED_SECTORS} bad sectors in a
     * row.
     *
     * @return where it stopped: {@code to}, or the end of the last bad sector when it stopped early
     */
    long scrape(MemorySegment buf, long p, long from, long to, List<BadRun> runs, boolean mayStop) throws IOException {
        consecutiveBad = 0;
        long unit = pace.failuresCostly() ? sectorBytes : Math.max(sectorBytes, PAGE_BYTES);
        return scan(buf, p, from, to, unit, runs, mayStop);
    }

    private long scan(MemorySegment buf, long p, long from, long to, long unit, List<BadRun> runs, boolean mayStop)
            throws IOException {
        boolean failed = false;
        boolean restTried = false;
        long s = from;
        while (s < to) {
            if (failed && !restTried) {
                restTried = true;
                s += alignDown(reads.read(buf.asSlice(s - p, to - s), s, true).bytes());
                continue;
            }
            long end = Math.min(to, (s / unit + 1) * unit);
            if (unit > sectorBytes) {
                SectorReads.Outcome o = reads.read(buf.asSlice(s - p, end - s), s, true);
                if (!o.complete(end - s)) {
                    failed = true;
                    long stop = scan(buf, p, s + alignDown(o.bytes()), end, sectorBytes, runs, mayStop);
                    if (stop < end) {
                        return stop;
                    }
                } else {
                    consecutiveBad = 0;
                }
                s = end;
                continue;
            }
            if (readWithRetries(buf.asSlice(s - p, end - s), s, runs)) {
                consecutiveBad = 0;
            } else {
                failed = true;
                if (++consecutiveBad >= Rescuer.CLUSTERED_FAILED_SECTORS && mayStop) {
                    return end;
                }
            }
            s = end;
        }
        return to;
    }

    /** Reads one sector, again up to {@code --retries} times; fills it and records it when it stays bad. */
    private boolean readWithRetries(MemorySegment one, long s, List<BadRun> runs) throws IOException {
        String error = null;
        for (int attempt = 0; attempt <= policy.retries(); attempt++) {
            SectorReads.Outcome o = reads.read(one, s, true);
            error = o.complete(one.byteSize()) ? null : o.error();
            if (error == null) {
                return true;
            }
        }
        policy.fill().fill(one);
        BadRun run = new BadRun(s / sectorBytes, 1, sectorBytes, error, policy.retries());
        if (!runs.isEmpty() && runs.getLast().joinsWith(run)) {
            runs.set(runs.size() - 1, runs.getLast().extendedWith(run));
        } else {
            runs.add(run);
        }
        return false;
    }

    private long alignDown(long bytes) {
        return bytes - bytes % sectorBytes;
    }
}

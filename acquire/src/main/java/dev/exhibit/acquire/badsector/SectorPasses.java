package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.BufferPool;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rescue's passes that read sector by sector, after copying: trimming the edges of failed areas, scraping what
 * lies between, and retrying the bad sectors. Each sector read goes into a {@link SectorBatch}, so a bad area costs
 * small reads but not a write per sector.
 */
final class SectorPasses {
    private static final Set<BlockStatus> NON_TRIMMED = EnumSet.of(BlockStatus.NON_TRIMMED);
    private static final Set<BlockStatus> NON_SCRAPED = EnumSet.of(BlockStatus.NON_SCRAPED);
    private static final Set<BlockStatus> BAD = EnumSet.of(BlockStatus.BAD_SECTOR);

    private final SectorReads reads;
    private final Frontier frontier;
    private final RescueMap map;
    private final BadSectorLedger ledger;
    private final BufferPool pool;
    private final Rescuer.Policy policy;
    private final Rescuer.Hooks hooks;
    private final int sectorBytes;

    SectorPasses(SectorReads reads, Frontier frontier, BufferPool pool, Rescuer.Policy policy, Rescuer.Hooks hooks) {
        this.reads = reads;
        this.frontier = frontier;
        this.map = frontier.map();
        this.ledger = frontier.ledger();
        this.pool = pool;
        this.policy = policy;
        this.hooks = hooks;
        this.sectorBytes = reads.source().logicalSectorBytes();
    }

    void trim() throws IOException {
        long cursor = map.beginByte();
        Block b;
        try (SectorBatch batch = new SectorBatch(pool, frontier)) {
            while ((b = map.next(cursor, NON_TRIMMED)) != null) {
                long s = b.byteOffset();
                long e = b.endByte();
                while (s < e) {
                    long len = Math.min(sectorBytes, e - s);
                    boolean good = readSector(batch, s, len, RescuePhase.TRIMMING, 0);
                    s += len;
                    if (!good) {
                        break;
                    }
                }
                long t = e;
                while (t > s) {
                    long ts = Math.max(s, alignDown(t - 1));
                    boolean good = readSector(batch, ts, t - ts, RescuePhase.TRIMMING, 0);
                    t = ts;
                    if (!good) {
                        break;
                    }
                }
                batch.flush();
                if (s < t) {
                    map.mark(s, t - s, BlockStatus.NON_SCRAPED);
                }
                cursor = e;
            }
        }
    }

    void scrape() throws IOException {
        long cursor = map.beginByte();
        Block b;
        try (SectorBatch batch = new SectorBatch(pool, frontier)) {
            while ((b = map.next(cursor, NON_SCRAPED)) != null) {
                for (long s = b.byteOffset(); s < b.endByte(); ) {
                    long len = Math.min(sectorBytes, b.endByte() - s);
                    readSector(batch, s, len, RescuePhase.SCRAPING, 0);
                    s += len;
                }
                batch.flush();
                cursor = b.endByte();
            }
        }
    }

    void retry(int pass) throws IOException {
        long cursor = map.beginByte();
        Block b;
        try (SectorBatch batch = new SectorBatch(pool, frontier)) {
            while ((b = map.next(cursor, BAD)) != null) {
                for (long s = b.byteOffset(); s < b.endByte(); ) {
                    long len = Math.min(sectorBytes, b.endByte() - s);
                    int spent = ledger.retriesOf(s / sectorBytes);
                    if (spent >= 0 && spent < pass) {
                        readSector(batch, s, len, RescuePhase.RETRYING, pass);
                    }
                    s += len;
                }
                batch.flush();
                cursor = b.endByte();
            }
        }
    }

    /**
     * Reads one sector into the batch. A good sector joins the batch; a bad one found while trimming or scraping joins
     * it filled; a bad one on a retry pass stays as it is in the image and only its retry count goes up.
     */
    private boolean readSector(SectorBatch batch, long s, long len, RescuePhase phase, int retryPass)
            throws IOException {
        hooks.between();
        map.setPosition(new RescueMap.Position(s, phase, Math.max(1, retryPass)));
        MemorySegment slot = batch.slot(s, len);
        SectorReads.Outcome o = reads.read(slot, s, true);
        if (o.complete(len)) {
            batch.good(len);
            return true;
        }
        long sector = s / sectorBytes;
        if (retryPass > 0) {
            batch.flush();
            ledger.add(new BadRun(sector, 1, sectorBytes, o.error(), retryPass));
        } else {
            batch.bad(len, policy.fill(), new BadRun(sector, 1, sectorBytes, o.error(), 0));
        }
        return false;
    }

    private long alignDown(long bytes) {
        return bytes - bytes % sectorBytes;
    }
}

package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.badsector.BadSectorLedger;
import dev.exhibit.acquire.badsector.Block;
import dev.exhibit.acquire.badsector.BlockStatus;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a resumed acquisition starts from: the windows the log holds from byte 0 without a gap (their bytes are hashed
 * again and must match), the map of everything beyond (from the saved map, else nothing done), and the bad sectors
 * the log and the map name.
 *
 * @param loggedBytes the image bytes the logged windows cover
 * @param reacquiring whether the image differed from the log and is acquired again from {@code loggedBytes}
 */
record Replay(
        Map<Long, String> windows,
        Map<Integer, String> segments,
        long loggedBytes,
        RescueMap map,
        BadSectorLedger ledger,
        Resumption.Logged facts,
        int sectorBytes,
        int retries,
        boolean reacquiring) {

    /** The error named for a bad sector known only from the map (its bad-range record was never written). */
    static final String FROM_MAP = "unreadable (known from the bad-sector map only)";

    static Replay of(Resumption.Logged facts, RescueMap fromFile, long sizeBytes, int sectorBytes, int retries) {
        List<JsonNode> trusted = facts.windowsFromStart();
        Map<Long, String> windows = new HashMap<>();
        trusted.forEach(
                w -> windows.put(w.path("index").asLong(), w.path("sha256").asText()));
        long logged = AcquisitionLog.coveredBytes(trusted);
        RescueMap map = fromFile != null ? fromFile : RescueMap.of(sizeBytes);
        return build(facts, windows, logged, map, sizeBytes, sectorBytes, retries);
    }

    private static Replay build(
            Resumption.Logged facts,
            Map<Long, String> windows,
            long logged,
            RescueMap map,
            long sizeBytes,
            int sectorBytes,
            int retries) {
        if (logged > 0) {
            map.mark(0, logged, BlockStatus.FINISHED);
        }
        BadSectorLedger ledger = new BadSectorLedger(sectorBytes);
        for (JsonNode b : facts.badRanges()) {
            long first = b.path("firstSector").asLong();
            long count = b.path("sectorCount").asLong();
            long end = Math.min(first + count, (logged + sectorBytes - 1) / sectorBytes);
            BadRun run = new BadRun(
                    first,
                    Math.max(1, count),
                    sectorBytes,
                    b.path("error").asText(),
                    b.path("retries").asInt());
            if (first < end) {
                BadRun kept = new BadRun(first, end - first, sectorBytes, run.error(), run.retries());
                map.mark(kept.byteOffset(), kept.endByte() - kept.byteOffset(), BlockStatus.BAD_SECTOR);
                ledger.add(kept);
            } else if (map.statusAt(Math.min(run.byteOffset(), sizeBytes - 1)) == BlockStatus.BAD_SECTOR) {
                ledger.add(run);
            }
        }
        long cursor = logged;
        Block b;
        while ((b = map.next(cursor, EnumSet.of(BlockStatus.BAD_SECTOR))) != null) {
            for (long s = b.byteOffset() / sectorBytes; s * sectorBytes < b.endByte(); s++) {
                if (ledger.retriesOf(s) < 0) {
                    ledger.add(new BadRun(s, 1, sectorBytes, FROM_MAP, 0));
                }
            }
            cursor = b.endByte();
        }
        Map<Integer, String> segments = new HashMap<>();
        for (JsonNode s : facts.segments()) {
            if (s.path("byteOffset").asLong() + s.path("lengthBytes").asLong() <= logged) {
                segments.put(s.path("index").asInt(), s.path("sha256").asText());
            }
        }
        return new Replay(windows, segments, logged, map, ledger, facts, sectorBytes, retries, false);
    }

    /** The plan once the image was found to differ from the log at {@code byteOffset} (a window start). */
    Replay reacquireFrom(long byteOffset) {
        Map<Long, String> kept = new HashMap<>();
        windows.forEach((i, sha) -> {
            if (i * facts.windowBytes() < byteOffset) {
                kept.put(i, sha);
            }
        });
        RescueMap fresh = RescueMap.of(map.endByte());
        Replay r = build(facts, kept, byteOffset, fresh, map.endByte(), sectorBytes, retries);
        return new Replay(r.windows, r.segments, r.loggedBytes, r.map, r.ledger, facts, sectorBytes, retries, true);
    }

    AcquisitionLogWriter writer(ChainedLog chain, ImageLayout layout, String fill) {
        // A run is logged before the windows that hold it, so the log may name bad sectors past its last window; they
        // are not logged twice, unless a re-acquisition superseded them.
        NavigableMap<Long, Long> loggedRuns = new TreeMap<>();
        if (!reacquiring) {
            for (JsonNode b : facts.badRanges()) {
                long first = b.path("firstSector").asLong();
                loggedRuns.merge(first, first + b.path("sectorCount").asLong(), Math::max);
            }
        }
        return new AcquisitionLogWriter(chain, layout, fill, windows, segments, loggedBytes, loggedRuns);
    }
}

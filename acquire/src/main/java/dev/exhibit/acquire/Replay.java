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
import java.util.ArrayList;
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
 * @param imageBytes the image bytes kept from before, hashed again from byte 0: {@code loggedBytes} for raw images;
 *     for an E01, the chunks its writer kept, which may reach past the logged windows or stop short of them
 * @param reacquiring whether records past {@code imageBytes} are superseded: the image differed from the log there,
 *     or an E01 did not keep what the log describes
 */
record Replay(
        Map<Long, String> windows,
        Map<Integer, String> segments,
        long loggedBytes,
        long imageBytes,
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

    /**
     * The plan for an E01, which only grows at its end: what its writer kept ({@code keptBytes}, whole chunk groups)
     * is hashed again and stays; everything past it is read again from the source. The logged windows inside it must
     * match; records reaching past it are superseded. Where its chunks hold fills is known from the log's bad ranges
     * and from the journal written before the bytes went to the E01 (the log names a range only once it ends). Those
     * sectors cannot be retried any more: their chunks are written.
     */
    static Replay ofEwf(
            Resumption.Logged facts,
            long keptBytes,
            List<BadRun> journaled,
            long sizeBytes,
            int sectorBytes,
            int retries) {
        Map<Long, String> windows = new HashMap<>();
        List<JsonNode> inside = facts.windowsFromStart().stream()
                .filter(w ->
                        w.path("byteOffset").asLong() + w.path("lengthBytes").asLong() <= keptBytes)
                .toList();
        inside.forEach(
                w -> windows.put(w.path("index").asLong(), w.path("sha256").asText()));
        boolean beyond = false;
        for (JsonNode r : facts.windowsFromStart()) {
            beyond |= r.path("byteOffset").asLong() + r.path("lengthBytes").asLong() > keptBytes;
        }
        RescueMap map = RescueMap.of(sizeBytes);
        if (keptBytes > 0) {
            map.mark(0, keptBytes, BlockStatus.FINISHED);
        }
        BadSectorLedger ledger = new BadSectorLedger(sectorBytes);
        long keptSectors = keptBytes / sectorBytes;
        // a journal line in other units than the source's sectors (a damaged journal) would name other sectors
        List<BadRun> known = new ArrayList<>(
                journaled.stream().filter(r -> r.sectorBytes() == sectorBytes).toList());
        for (JsonNode b : facts.badRanges()) {
            beyond |= b.path("byteOffset").asLong() + b.path("lengthBytes").asLong() > keptBytes;
            known.add(new BadRun(
                    b.path("firstSector").asLong(),
                    Math.max(1, b.path("sectorCount").asLong()),
                    sectorBytes,
                    b.path("error").asText(),
                    b.path("retries").asInt()));
        }
        for (BadRun r : known) {
            long end = Math.min(r.endSector(), keptSectors);
            if (r.firstSector() < end) {
                BadRun kept = new BadRun(
                        r.firstSector(), end - r.firstSector(), sectorBytes, r.error(), Math.max(r.retries(), retries));
                ledger.add(kept);
                map.mark(kept.byteOffset(), kept.endByte() - kept.byteOffset(), BlockStatus.BAD_SECTOR);
            }
        }
        return new Replay(
                windows,
                Map.of(),
                AcquisitionLog.coveredBytes(inside),
                keptBytes,
                map,
                ledger,
                facts,
                sectorBytes,
                retries,
                beyond);
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
        return new Replay(windows, segments, logged, logged, map, ledger, facts, sectorBytes, retries, false);
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
        return new Replay(
                r.windows, r.segments, r.loggedBytes, r.imageBytes, r.map, r.ledger, facts, sectorBytes, retries, true);
    }

    AcquisitionLogWriter writer(ChainedLog chain, ImageLayout layout, String fill) {
        // A run is logged before the windows that hold it, so the log may name bad sectors past its last window; they
        // are not logged twice, unless a re-acquisition superseded their record (one reaching past imageBytes).
        NavigableMap<Long, Long> loggedRuns = new TreeMap<>();
        for (JsonNode b : facts.badRanges()) {
            long first = b.path("firstSector").asLong();
            long end = first + b.path("sectorCount").asLong();
            if (!reacquiring || end * sectorBytes <= imageBytes) {
                loggedRuns.merge(first, end, Math::max);
            }
        }
        return new AcquisitionLogWriter(chain, layout, fill, windows, segments, loggedRuns);
    }
}

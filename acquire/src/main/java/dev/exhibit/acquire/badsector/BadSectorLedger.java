package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.pipeline.BadRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every unreadable sector found so far, as maximal runs with the error they failed with and how often they were
 * retried. The rescue map knows which bytes are bad; the ledger knows why, and how hard we tried, for the log.
 */
public final class BadSectorLedger {
    private final NavigableMap<Long, BadRun> runs = new TreeMap<>();
    private final int sectorBytes;
    private long count;

    public BadSectorLedger(int sectorBytes) {
        this.sectorBytes = sectorBytes;
    }

    public synchronized void add(BadRun run) {
        if (!runsIn(run.firstSector(), run.endSector()).isEmpty()) {
            for (long s = run.firstSector(); s < run.endSector(); s++) {
                remove(s);
            }
        }
        BadRun merged = run;
        Map.Entry<Long, BadRun> before = runs.lowerEntry(run.firstSector());
        if (before != null && before.getValue().joinsWith(merged)) {
            runs.remove(before.getKey());
            merged = before.getValue().extendedWith(merged);
        }
        BadRun after = runs.get(merged.endSector());
        if (after != null && merged.joinsWith(after)) {
            runs.remove(after.firstSector());
            merged = merged.extendedWith(after);
        }
        runs.put(merged.firstSector(), merged);
        count += run.sectorCount();
    }

    /** A sector that was bad has now been read. */
    public synchronized void recovered(long sector) {
        remove(sector);
    }

    /** The retries already spent on {@code sector}, or -1 when it is not bad. */
    public synchronized int retriesOf(long sector) {
        Map.Entry<Long, BadRun> e = runs.floorEntry(sector);
        return e != null && sector < e.getValue().endSector() ? e.getValue().retries() : -1;
    }

    /** The runs inside sectors [fromSector, toSector), cut to that range. */
    public synchronized List<BadRun> runsIn(long fromSector, long toSector) {
        List<BadRun> out = new ArrayList<>();
        Map.Entry<Long, BadRun> floor = runs.floorEntry(fromSector);
        long key = floor == null ? fromSector : floor.getKey();
        for (BadRun r : runs.subMap(key, true, toSector, false).values()) {
            long first = Math.max(r.firstSector(), fromSector);
            long end = Math.min(r.endSector(), toSector);
            if (first < end) {
                out.add(new BadRun(first, end - first, sectorBytes, r.error(), r.retries()));
            }
        }
        return out;
    }

    /** How many sectors are bad now. */
    public synchronized long count() {
        return count;
    }

    private void remove(long sector) {
        Map.Entry<Long, BadRun> e = runs.floorEntry(sector);
        if (e == null || sector >= e.getValue().endSector()) {
            return;
        }
        BadRun r = e.getValue();
        runs.remove(e.getKey());
        if (sector > r.firstSector()) {
            runs.put(r.firstSector(), resized(r, r.firstSector(), sector));
        }
        if (sector + 1 < r.endSector()) {
            runs.put(sector + 1, resized(r, sector + 1, r.endSector()));
        }
        count--;
    }

    private BadRun resized(BadRun r, long first, long end) {
        return new BadRun(first, end - first, sectorBytes, r.error(), r.retries());
    }
}

package dev.exhibit.acquire.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.PiecewiseSink;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.json.Jcs;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The acquisition log as {@code acquire} writes it (docs/acquisition-log.md): one chained record per event. Window
 * records are forced to disk as they are written, so a crash leaves a log whose every window is on disk.
 *
 * <p>When an acquisition is resumed, the image is hashed again from byte 0; windows, segments and bad ranges the log
 * already holds are then compared with it instead of being written twice, and the first window that differs stops the
 * replay with a {@link ReplayMismatchException}.
 */
public final class AcquisitionLogWriter implements PiecewiseSink, Closeable {
    public static final String FILE_NAME = "acquisition.log.jsonl";

    private final ChainedLog log;
    private final ImageLayout layout;
    private final String fill;
    private final Map<Long, String> loggedWindows;
    private final Map<Integer, String> loggedSegments;
    private final NavigableMap<Long, Long> loggedRuns;

    /**
     * @param loggedWindows window hashes the log already holds, by index (empty for a new acquisition)
     * @param loggedSegments segment hashes the log already holds, by index from 1
     * @param loggedRuns bad sectors the log already names in records that still stand, as first sector to end sector
     *     (exclusive): not logged again. A run the log named only in records a re-acquisition supersedes is logged
     *     again, whole.
     */
    public AcquisitionLogWriter(
            ChainedLog log,
            ImageLayout layout,
            String fill,
            Map<Long, String> loggedWindows,
            Map<Integer, String> loggedSegments,
            NavigableMap<Long, Long> loggedRuns) {
        this.log = log;
        this.layout = layout;
        this.fill = fill;
        this.loggedWindows = Map.copyOf(loggedWindows);
        this.loggedSegments = Map.copyOf(loggedSegments);
        this.loggedRuns = new TreeMap<>(loggedRuns);
    }

    public ChainedLog chain() {
        return log;
    }

    /** Appends a record and forces it to disk: every record but window hashes is rare enough to sync. */
    public String append(String type, ObjectNode body) throws IOException {
        return log.append(type, body, true);
    }

    @Override
    public void badRun(BadRun run) throws IOException {
        // a run that continues a logged one (a resume hashing the image again) is logged only for its new sectors
        long s = run.firstSector();
        while (s < run.endSector()) {
            Map.Entry<Long, Long> logged = loggedRuns.floorEntry(s);
            if (logged != null && s < logged.getValue()) {
                s = logged.getValue();
                continue;
            }
            Long nextLogged = loggedRuns.higherKey(s);
            long end = nextLogged == null ? run.endSector() : Math.min(run.endSector(), nextLogged);
            append(new BadRun(s, end - s, run.sectorBytes(), run.error(), run.retries()));
            s = end;
        }
    }

    private void append(BadRun run) throws IOException {
        ObjectNode b = Jcs.object();
        b.put("firstSector", run.firstSector());
        b.put("sectorCount", run.sectorCount());
        b.put("lastSector", run.endSector() - 1);
        b.put("sectorBytes", run.sectorBytes());
        b.put("byteOffset", run.byteOffset());
        b.put("lengthBytes", run.endByte() - run.byteOffset());
        b.put("error", run.error());
        b.put("retries", run.retries());
        b.put("fill", fill);
        log.append("bad-range", b, false);
    }

    @Override
    public void window(long index, long byteOffset, long lengthBytes, String sha256) throws IOException {
        String logged = loggedWindows.get(index);
        if (logged != null) {
            if (!logged.equals(sha256)) {
                throw new ReplayMismatchException(index, byteOffset, lengthBytes, logged, sha256);
            }
            return;
        }
        ObjectNode w = Jcs.object();
        w.put("index", index);
        w.put("byteOffset", byteOffset);
        w.put("lengthBytes", lengthBytes);
        w.put("sha256", sha256);
        log.append("window", w, true);
    }

    @Override
    public void segment(int index, long byteOffset, long lengthBytes, String sha256) throws IOException {
        String logged = loggedSegments.get(index);
        if (logged != null && logged.equals(sha256)) {
            return;
        }
        ObjectNode s = Jcs.object();
        s.put("index", index);
        s.put("file", layout.name(index - 1));
        s.put("byteOffset", byteOffset);
        s.put("lengthBytes", lengthBytes);
        s.put("sha256", sha256);
        log.append("segment", s, true);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}

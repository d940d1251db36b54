package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.PiecewiseSink;
import dev.exhibit.core.chain.ChainVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares the windows and segments of a re-read with the records the acquisition logged. */
final class VerifySink implements PiecewiseSink {
    private record Logged(JsonNode record, long line) {}

    private final Map<Long, Logged> windows = new HashMap<>();
    private final Map<Integer, Logged> segments = new HashMap<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private long windowsChecked;
    private long badSectors;

    /** @param entries the effective window and segment records, in log order (a later one for an index wins) */
    VerifySink(List<ChainVerifier.Entry> windowEntries, List<ChainVerifier.Entry> segmentEntries) {
        windowEntries.forEach(e -> windows.put(e.record().path("index").asLong(), new Logged(e.record(), e.line())));
        segmentEntries.forEach(e -> segments.put(e.record().path("index").asInt(), new Logged(e.record(), e.line())));
    }

    @Override
    public synchronized void badRun(BadRun run) {
        badSectors += run.sectorCount();
    }

    @Override
    public synchronized void window(long index, long byteOffset, long lengthBytes, String sha256) {
        Logged w = windows.get(index);
        if (w == null) {
            // counted as a mismatch, not as a logged window checked: "10 of 9 logged windows" reads as nonsense
            mismatches.add(new Mismatch("window " + index, byteOffset, lengthBytes, "a logged window", "none", -1));
            return;
        }
        windowsChecked++;
        if (!w.record().path("sha256").asText().equals(sha256)
                || w.record().path("lengthBytes").asLong() != lengthBytes) {
            mismatches.add(new Mismatch(
                    "window " + index,
                    byteOffset,
                    lengthBytes,
                    "SHA-256 " + w.record().path("sha256").asText(),
                    "SHA-256 " + sha256,
                    w.line()));
        }
    }

    @Override
    public synchronized void segment(int index, long byteOffset, long lengthBytes, String sha256) {
        Logged s = segments.get(index);
        if (s != null && !s.record().path("sha256").asText().equals(sha256)) {
            mismatches.add(new Mismatch(
                    "segment " + s.record().path("file").asText(),
                    byteOffset,
                    lengthBytes,
                    "SHA-256 " + s.record().path("sha256").asText(),
                    "SHA-256 " + sha256,
                    s.line()));
        }
    }

    synchronized List<Mismatch> mismatches() {
        return List.copyOf(mismatches);
    }

    synchronized long windowsChecked() {
        return windowsChecked;
    }

    long windowsLogged() {
        return windows.size();
    }

    synchronized long badSectors() {
        return badSectors;
    }
}

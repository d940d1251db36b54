package dev.exhibit.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An acquisition log ({@code acquisition.log.jsonl}, written by {@code exhibit acquire}; contract in
 * docs/acquisition-log.md) as the report reads it: its records in order and what walking its hash chain found.
 *
 * <p>A report covers a prefix of the log: the records that existed when it was built. {@link #read(Path, long)}
 * keeps exactly that prefix, so a verifier can derive the same evidence item again after later records (another
 * {@code verify}) were appended.
 *
 * <p>A {@code resume} record with {@code reacquireFromByte} says that the image no longer held what earlier records
 * describe from that byte on (after a power loss, say), and that those bytes were acquired again: the earlier
 * {@code window}, {@code segment} and {@code bad-range} records reaching past that byte are superseded and left out
 * of {@link #all(String)}. The records stay in the log, and the chain covers them.
 */
public final class AcquisitionLog {
    public static final String FILE_NAME = "acquisition.log.jsonl";

    /** Record types whose byte range a re-acquisition can supersede. */
    private static final Set<String> PIECEWISE = Set.of("window", "segment", "bad-range");

    private final Path file;
    private final List<ChainVerifier.Entry> entries;
    private final Set<Long> superseded;
    private final ChainReport chain;

    private AcquisitionLog(Path file, List<ChainVerifier.Entry> entries, ChainReport chain) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.superseded = supersededLines(this.entries);
        this.chain = chain;
    }

    /** The lines (1-based) of piecewise records that a later re-acquisition superseded. */
    private static Set<Long> supersededLines(List<ChainVerifier.Entry> entries) {
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode r = entries.get(i).record();
            if (r == null
                    || !"resume".equals(r.path("type").asText())
                    || !r.path("reacquireFromByte").canConvertToLong()) {
                continue;
            }
            long from = r.get("reacquireFromByte").longValue();
            for (int j = 0; j < i; j++) {
                JsonNode e = entries.get(j).record();
                if (e != null
                        && PIECEWISE.contains(e.path("type").asText())
                        && e.path("byteOffset").asLong(0)
                                        + e.path("lengthBytes").asLong(0)
                                > from) {
                    out.add(entries.get(j).line());
                }
            }
        }
        return out;
    }

    /** Reads every record. */
    public static AcquisitionLog read(Path file) throws IOException {
        return read(file, Long.MAX_VALUE);
    }

    /** Reads the whole chain but keeps only the first {@code maxRecords} records. */
    public static AcquisitionLog read(Path file, long maxRecords) throws IOException {
        List<ChainVerifier.Entry> kept = new ArrayList<>();
        ChainReport chain = ChainVerifier.verify(file, e -> {
            if (e.line() <= maxRecords) {
                kept.add(e);
            }
        });
        return new AcquisitionLog(file, kept, chain);
    }

    public Path file() {
        return file;
    }

    /** The chain walk over the whole file, lines beyond the kept prefix included. */
    public ChainReport chain() {
        return chain;
    }

    /** How many records were kept. */
    public long records() {
        return entries.size();
    }

    /** The SHA-256 of the last kept line: the value a record quotes as this log's head. */
    public String headHash() {
        return entries.isEmpty() ? null : entries.getLast().sha256();
    }

    public List<ChainVerifier.Entry> entries() {
        return entries;
    }

    /** Every kept record of {@code type} that no re-acquisition superseded, in log order. */
    public List<JsonNode> all(String type) {
        return entries(type).stream().map(ChainVerifier.Entry::record).toList();
    }

    /** Like {@link #all(String)}, with each record's line number and hash. */
    public List<ChainVerifier.Entry> entries(String type) {
        List<ChainVerifier.Entry> out = new ArrayList<>();
        for (ChainVerifier.Entry e : entries) {
            if (e.record() != null && type.equals(e.record().path("type").asText()) && !superseded.contains(e.line())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The window records that cover the image from byte 0 without a gap: indexes 0, 1, 2, ... (a later record for an
     * index wins), each a whole window of {@code windowBytes} or the image's last. They are what a resume may trust
     * and what a verification of an unfinished acquisition can check. A shorter window that is not the image's last
     * ends the list: it proves nothing about the rest of its window.
     */
    public List<JsonNode> windowsFromStart(long windowBytes, long sizeBytes) {
        Map<Long, JsonNode> byIndex = new HashMap<>();
        all("window").forEach(w -> byIndex.put(w.path("index").asLong(), w));
        List<JsonNode> out = new ArrayList<>();
        for (long i = 0; byIndex.containsKey(i); i++) {
            JsonNode w = byIndex.get(i);
            long end = w.path("byteOffset").asLong() + w.path("lengthBytes").asLong();
            if (end != (i + 1) * windowBytes && end != sizeBytes) {
                break;
            }
            out.add(w);
        }
        return out;
    }

    /** The image bytes {@link #windowsFromStart} covers. */
    public static long coveredBytes(List<JsonNode> windowsFromStart) {
        if (windowsFromStart.isEmpty()) {
            return 0;
        }
        JsonNode last = windowsFromStart.getLast();
        return last.path("byteOffset").asLong() + last.path("lengthBytes").asLong();
    }

    public Optional<JsonNode> first(String type) {
        List<JsonNode> all = all(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    public Optional<JsonNode> last(String type) {
        List<JsonNode> all = all(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * {@code complete} when the last acquisition run ended with an {@code end} record, {@code failed} when it ended
     * with a {@code failure}, {@code incomplete} when it stopped without either (killed, or still running).
     */
    public String status() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode r = entries.get(i).record();
            String type = r == null ? "" : r.path("type").asText();
            switch (type) {
                case "end" -> {
                    return "complete";
                }
                case "failure" -> {
                    return "failed";
                }
                case "start", "resume" -> {
                    return "incomplete";
                }
                default -> {}
            }
        }
        return "incomplete";
    }
}

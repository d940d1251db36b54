package dev.exhibit.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a chained log from its first line to its last and names every place where the chain breaks: a line that is
 * not canonical JSON, a {@code seq} out of order, a {@code prev} that is not the SHA-256 of the line before, a torn
 * last line. The hashes are taken over the raw bytes of each line, so the check holds whatever the bytes are.
 */
public final class ChainVerifier {
    /** A record longer than this is reported rather than read into memory: logs are written by us, lines are small. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    private ChainVerifier() {}

    /**
     * One line of the log as read.
     *
     * @param line 1-based line number
     * @param record the parsed record, or {@code null} when the line is not a JSON object
     * @param sha256 the SHA-256 of the line's bytes without its newline
     */
    public record Entry(long line, JsonNode record, String sha256) {}

    /** Receives every line, damaged ones included, so a caller can check domain content while the chain is walked. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Entry entry) throws IOException;
    }

    /**
     * Walks the log under its shared lock ({@link LogLock}), so that a line another process is appending is read whole
     * or not at all. When a writer keeps the log longer (an acquisition running), the walk goes on without the lock.
     */
    public static ChainReport verify(Path file, Visitor visitor) throws IOException {
        try (LogLock ignored = LogLock.sharedOrNull(file)) {
            return walk(file, visitor);
        }
    }

    /** The walk itself, for a caller that already holds the log's lock. */
    static ChainReport walk(Path file, Visitor visitor) throws IOException {
        Walk walk = new Walk();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
            boolean overlong = false;
            int b;
            while (true) {
                b = in.read();
                if (b == '\n' || b == -1) {
                    if (b == -1 && buf.size() == 0 && !overlong) {
                        break;
                    }
                    byte[] raw = buf.toByteArray();
                    buf.reset();
                    if (overlong) {
                        walk.damaged(raw, "record longer than " + MAX_RECORD_BYTES + " bytes; not read");
                        overlong = false;
                    } else if (b == -1) {
                        walk.damaged(raw, "incomplete last line (" + raw.length + " bytes, no newline): a torn write");
                    } else {
                        visitor.visit(walk.line(raw));
                    }
                    if (b == -1) {
                        break;
                    }
                } else if (buf.size() >= MAX_RECORD_BYTES) {
                    overlong = true;
                } else {
                    buf.write(b);
                }
            }
        }
        return walk.report(file);
    }

    /**
     * Verifies a chain held in memory, one element per line without its newline: the records a signed report embeds,
     * re-chained without the log they came from.
     */
    public static ChainReport verifyLines(List<byte[]> lines) {
        Walk walk = new Walk();
        lines.forEach(walk::line);
        return walk.report(null);
    }

    /** The state of one walk from the first line on. */
    private static final class Walk {
        private final Breaks breaks = new Breaks();
        private String expectedPrev = Sha256.ZERO;
        private String head;
        private long line;

        Entry line(byte[] raw) {
            Found found = next(raw);
            JsonNode record = check(raw, found);
            breaks.line(line, record, found.problems);
            return new Entry(line, record, found.lineSha256);
        }

        void damaged(byte[] raw, String message) {
            Found found = next(raw);
            found.add(message);
            breaks.line(line, null, found.problems);
        }

        private Found next(byte[] raw) {
            line++;
            String hash = Sha256.hex(raw);
            Found found = new Found(line, hash, expectedPrev);
            expectedPrev = hash;
            head = hash;
            return found;
        }

        ChainReport report(Path file) {
            List<ChainReport.Problem> problems = new ArrayList<>(breaks.open());
            if (line == 0) {
                problems.add(new ChainReport.Problem(1, "the log is empty", Sha256.ZERO, Sha256.ZERO));
            }
            return new ChainReport(file, line, head, problems, breaks.continuations());
        }
    }

    /** The problems of one line, each pinned to the hashes of that line and the one before it. */
    private static final class Found {
        final long line;
        final String lineSha256;
        final String expectedPrev;
        final List<ChainReport.Problem> problems = new ArrayList<>();

        Found(long line, String lineSha256, String expectedPrev) {
            this.line = line;
            this.lineSha256 = lineSha256;
            this.expectedPrev = expectedPrev;
        }

        void add(String message) {
            problems.add(new ChainReport.Problem(line, message, lineSha256, expectedPrev));
        }
    }

    private static JsonNode check(byte[] raw, Found found) {
        long line = found.line;
        JsonNode record;
        try {
            record = Jcs.mapper().readTree(raw);
        } catch (IOException e) {
            found.add("not valid JSON: " + firstLine(e.getMessage()));
            return null;
        }
        if (record == null || !record.isObject()) {
            found.add("not a JSON object");
            return null;
        }
        if (!Jcs.isCanonical(raw)) {
            found.add("not in RFC 8785 canonical form: the line was edited or re-serialised");
        }
        JsonNode seq = record.get("seq");
        if (seq == null || !seq.canConvertToLong() || seq.longValue() != line - 1) {
            found.add("seq is " + (seq == null ? "missing" : seq.asText()) + ", but the record on line " + line
                    + " must carry seq " + (line - 1) + " (seq counts from 0, lines from 1)"
                    + ": a record was inserted, deleted or moved");
        }
        JsonNode prev = record.get("prev");
        if (prev == null || !prev.isTextual() || !prev.asText().equals(found.expectedPrev)) {
            String what = line == 1
                    ? "the first record must carry 64 zeros"
                    : "the SHA-256 of line " + (line - 1) + " is " + found.expectedPrev
                            + ": line " + (line - 1) + " was changed, or a record before line " + line
                            + " was deleted or inserted";
            found.add("prev is " + (prev == null ? "missing" : prev.asText()) + " but " + what);
        }
        return record;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

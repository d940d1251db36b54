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

    public static ChainReport verify(Path file, Visitor visitor) throws IOException {
        List<ChainReport.Problem> problems = new ArrayList<>();
        String expectedPrev = Sha256.ZERO;
        String head = null;
        long line = 0;
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
                    line++;
                    byte[] raw = buf.toByteArray();
                    buf.reset();
                    String hash = Sha256.hex(raw);
                    if (overlong) {
                        problems.add(new ChainReport.Problem(
                                line, "record longer than " + MAX_RECORD_BYTES + " bytes; not read"));
                        overlong = false;
                    } else if (b == -1) {
                        problems.add(new ChainReport.Problem(
                                line, "incomplete last line (" + raw.length + " bytes, no newline): a torn write"));
                    } else {
                        JsonNode record = check(raw, line, expectedPrev, problems);
                        visitor.visit(new Entry(line, record, hash));
                    }
                    expectedPrev = hash;
                    head = hash;
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
        if (line == 0) {
            problems.add(new ChainReport.Problem(1, "the log is empty"));
        }
        return new ChainReport(file, line, head, problems);
    }

    private static JsonNode check(byte[] raw, long line, String expectedPrev, List<ChainReport.Problem> problems) {
        JsonNode record;
        try {
            record = Jcs.mapper().readTree(raw);
        } catch (IOException e) {
            problems.add(new ChainReport.Problem(line, "not valid JSON: " + firstLine(e.getMessage())));
            return null;
        }
        if (record == null || !record.isObject()) {
            problems.add(new ChainReport.Problem(line, "not a JSON object"));
            return null;
        }
        if (!Jcs.isCanonical(raw)) {
            problems.add(new ChainReport.Problem(
                    line, "not in RFC 8785 canonical form: the line was edited or re-serialised"));
        }
        JsonNode seq = record.get("seq");
        if (seq == null || !seq.canConvertToLong() || seq.longValue() != line - 1) {
            problems.add(new ChainReport.Problem(
                    line,
                    "seq is " + (seq == null ? "missing" : seq.asText()) + ", but the record on line " + line
                            + " must carry seq " + (line - 1) + " (seq counts from 0, lines from 1)"
                            + ": a record was inserted, deleted or moved"));
        }
        JsonNode prev = record.get("prev");
        if (prev == null || !prev.isTextual() || !prev.asText().equals(expectedPrev)) {
            String what = line == 1
                    ? "the first record must carry 64 zeros"
                    : "the SHA-256 of line " + (line - 1) + " is " + expectedPrev
                            + ": line " + (line - 1) + " was changed, or a record before line " + line
                            + " was deleted or inserted";
            problems.add(new ChainReport.Problem(
                    line, "prev is " + (prev == null ? "missing" : prev.asText()) + " but " + what));
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

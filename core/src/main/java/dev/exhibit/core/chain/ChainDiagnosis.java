package dev.exhibit.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains each break of a chained log: which record sits on the broken line, and the most likely cause read off the
 * hashes (two writers chained to the same head, a changed line, a deleted, inserted or moved one, a torn write). It
 * reads only; continuing the chain is {@link ChainedLog#continueAfterBreak}.
 */
public final class ChainDiagnosis {
    private ChainDiagnosis() {}

    /**
     * One broken line.
     *
     * @param line 1-based
     * @param record what the line says of itself: seq, type, time and who wrote it, or that it is unreadable
     * @param problems what the walk found wrong on it
     * @param cause the likeliest explanation
     * @param acknowledgedAt the line of the {@code chain-continued} record that covers it, or 0
     */
    public record Break(long line, String record, List<String> problems, String cause, long acknowledgedAt) {}

    /** What the walk found, and one {@link Break} per broken line, acknowledged ones included. */
    public record Result(ChainReport chain, List<Break> breaks) {}

    public static Result of(Path file) throws IOException {
        Map<String, Long> lineByHash = new HashMap<>();
        Map<Long, JsonNode> records = new HashMap<>();
        ChainReport chain = ChainVerifier.verify(file, e -> {
            lineByHash.putIfAbsent(e.sha256(), e.line());
            records.put(e.line(), e.record());
        });
        Map<Long, List<ChainReport.Problem>> byLine = new LinkedHashMap<>();
        Map<Long, Long> acknowledgedAt = new HashMap<>();
        for (ChainReport.Continuation c : chain.continuations()) {
            for (ChainReport.Problem p : c.acknowledged()) {
                byLine.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p);
                acknowledgedAt.put(p.line(), c.line());
            }
        }
        chain.problems()
                .forEach(p ->
                        byLine.computeIfAbsent(p.line(), l -> new ArrayList<>()).add(p));
        List<Break> breaks = new ArrayList<>();
        byLine.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long line = e.getKey();
            JsonNode r = records.get(line);
            breaks.add(new Break(
                    line,
                    describe(r),
                    e.getValue().stream().map(ChainReport.Problem::message).toList(),
                    cause(line, r, records, lineByHash),
                    acknowledgedAt.getOrDefault(line, 0L)));
        });
        return new Result(chain, breaks);
    }

    private static String describe(JsonNode r) {
        if (r == null) {
            return "unreadable";
        }
        JsonNode inv = r.path("invocation");
        return "seq " + r.path("seq").asText("?") + ", type " + r.path("type").asText("?") + ", written "
                + r.path("time").asText("?")
                + (inv.isObject()
                        ? " by " + inv.path("user").asText("?") + "@"
                                + inv.path("host").asText("?")
                        : "");
    }

    private static String cause(long line, JsonNode r, Map<Long, JsonNode> records, Map<String, Long> lineByHash) {
        if (r == null) {
            return "the line is not a whole JSON record: damaged by a crash during a write, or edited";
        }
        Long chainedTo = lineByHash.get(r.path("prev").asText());
        if (line == 1 || chainedTo == null) {
            return "no line of the log hashes to its prev: line " + (line - 1) + " was changed after line " + line
                    + " was written, or the line it was chained to was deleted";
        }
        if (chainedTo == line - 1) {
            return "it follows line " + (line - 1) + " but its seq is out of order: a line was deleted, inserted or"
                    + " renumbered before it, or the line itself was edited";
        }
        if (chainedTo < line - 1) {
            JsonNode sibling = records.get(chainedTo + 1);
            if (sibling != null
                    && sibling.path("seq").asText().equals(r.path("seq").asText())) {
                return "a fork: lines " + (chainedTo + 1) + " and " + line + " were both chained to line " + chainedTo
                        + " (both seq " + r.path("seq").asText() + "): two writers appended to the same head at once";
            }
            return "it was chained to line " + chainedTo + ": lines " + (chainedTo + 1) + " to " + (line - 1)
                    + " were inserted, or lines between were deleted and others moved";
        }
        return "it was chained to line " + chainedTo + ", which comes after it: lines were moved";
    }
}

package dev.exhibit.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The breaks a chain walk has met so far, and the {@code chain-continued} records that acknowledge them. A
 * continuation acknowledges a break by its line number and the SHA-256 of both lines around it, so it covers exactly
 * the damage that was there when it was written: a line changed afterwards is a new, unacknowledged break.
 */
final class Breaks {
    /** The record type {@link ChainedLog#continueAfterBreak} writes. */
    static final String CONTINUED = "chain-continued";

    private final List<ChainReport.Problem> open = new ArrayList<>();
    private final List<ChainReport.Continuation> continuations = new ArrayList<>();

    /** Takes the problems found on one line; a sound {@code chain-continued} line acknowledges what it lists. */
    void line(long line, JsonNode record, List<ChainReport.Problem> found) {
        if (!found.isEmpty()) {
            open.addAll(found);
            return;
        }
        if (record != null && CONTINUED.equals(record.path("type").asText())) {
            continuations.add(acknowledge(line, record));
        }
    }

    private ChainReport.Continuation acknowledge(long line, JsonNode record) {
        Set<String> listed = new HashSet<>();
        for (JsonNode a : record.path("acknowledges")) {
            listed.add(key(
                    a.path("line").asLong(-1),
                    a.path("sha256").asText(),
                    a.path("previousSha256").asText()));
        }
        List<ChainReport.Problem> acknowledged = new ArrayList<>();
        open.removeIf(p -> {
            boolean covered = listed.contains(key(p.line(), p.lineSha256(), p.previousSha256()));
            if (covered) {
                acknowledged.add(p);
            }
            return covered;
        });
        JsonNode inv = record.path("invocation");
        String by = inv.path("user").asText("?") + "@" + inv.path("host").asText("?");
        return new ChainReport.Continuation(
                line, record.path("time").asText(), by, record.path("reason").asText(), acknowledged);
    }

    private static String key(long line, String lineSha256, String previousSha256) {
        return line + "/" + lineSha256 + "/" + previousSha256;
    }

    List<ChainReport.Problem> open() {
        return open;
    }

    List<ChainReport.Continuation> continuations() {
        return continuations;
    }
}

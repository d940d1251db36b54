package dev.exhibit.report.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.chain.ChainedLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's chain-of-custody log, {@code custody.log.jsonl}: the same hash-chained RFC 8785 JSON Lines as the
 * acquisition log ({@link ChainedLog}), one line per event. Appending re-verifies the whole chain first under the log's
 * exclusive lock, so two examiners recording at once cannot fork the chain.
 */
public final class CustodyLog {
    public static final String FILE_NAME = dev.exhibit.core.evidence.CaseLayout.CUSTODY_LOG;

    private final Path file;

    public CustodyLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Where an appended line landed. {@code line} is 1-based. */
    public record Appended(long line, String lineHash) {}

    /** Creates the log with its first record; fails if the file exists. */
    static Appended create(Path file, String type, ObjectNode body) throws IOException {
        try (ChainedLog log = ChainedLog.create(file)) {
            String hash = log.append(type, body, true);
            return new Appended(log.records(), hash);
        }
    }

    public static Appended createWith(Path file, CustodyEventType type, ObjectNode body) throws IOException {
        return create(file, type.id(), body);
    }

    /** Appends one examiner-recorded event. */
    public Appended append(CustodyEvent event, dev.exhibit.core.Invocation invocation) throws IOException {
        return append(event.type(), event.toBody(invocation));
    }

    /**
     * Appends one event of any type; refuses when the chain is broken (a log is never extended past damage). The log's
     * lock is held from the chain check to the synced line ({@link ChainedLog#reopen}).
     */
    public Appended append(CustodyEventType type, ObjectNode body) throws IOException {
        try (ChainedLog log = ChainedLog.reopen(file)) {
            String hash = log.append(type.id(), body, true);
            return new Appended(log.records(), hash);
        }
    }

    /**
     * Checks, under the log's lock, that an event could be appended now: the chain is intact (or continued) and no
     * other process keeps the log. A command that will append only after a long run (an acquisition) checks first,
     * so that it does not find out hours later.
     */
    public void requireAppendable() throws IOException {
        try (ChainedLog log = ChainedLog.reopen(file)) {
            log.sync();
        }
    }

    /** One line of the log: its 1-based number, the parsed record (null if unreadable) and the line's SHA-256. */
    public record Entry(long line, JsonNode record, String lineHash) {}

    /** Every line and what the chain walk found. */
    public record Listing(List<Entry> entries, ChainReport chain) {}

    public Listing read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        ChainReport report = ChainVerifier.verify(file, e -> entries.add(new Entry(e.line(), e.record(), e.sha256())));
        return new Listing(List.copyOf(entries), report);
    }
}

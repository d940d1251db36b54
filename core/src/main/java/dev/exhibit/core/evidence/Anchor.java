package dev.exhibit.core.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.util.Locale;

/**
 * Something outside a log that vouches for it (a custody event quoting its head, an RFC 3161 time stamp over its
 * head), and whether the log as it is now still holds what the anchor says.
 *
 * @param subject the anchored file, relative to the case root or the acquisition directory
 * @param line the 1-based line of the record that holds the anchor (in the custody log, or the time stamp's line in
 *     the log itself), or 0 when nothing anchors the subject
 * @param detail one sentence; it names both values when they differ
 */
public record Anchor(String subject, long line, Verdict verdict, String detail) {
    public enum Verdict {
        /** The file holds what the anchor says. */
        MATCH,
        /** It does not: a failure wherever it is checked. */
        DIFFERS,
        /** Nothing outside the file vouches for it: a complete rewrite could not be told from the original. */
        UNANCHORED
    }

    /** As a log record carries it: {@code subject}, {@code line}, {@code verdict} (lower case), {@code detail}. */
    public ObjectNode toJson() {
        ObjectNode o = Jcs.object();
        o.put("subject", subject);
        o.put("line", line);
        o.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
        o.put("detail", detail);
        return o;
    }

    public boolean differs() {
        return verdict == Verdict.DIFFERS;
    }

    @Override
    public String toString() {
        return subject + ": " + detail;
    }
}

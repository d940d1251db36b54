package dev.exhibit.acquire.log;

import static dev.exhibit.acquire.log.RecordPage.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.List;

/**
 * The record's Verification section: every {@code verification} record, image re-reads and source re-reads alike
 * (Guymager's "verified source" and "verified image"), with each hash's verdict against the acquisition's.
 */
final class VerificationText {
    private VerificationText() {}

    static void render(RecordPage page, AcquisitionLog log, JsonNode end) {
        page.heading("Verification");
        List<ChainVerifier.Entry> all = log.entries("verification");
        if (all.isEmpty()) {
            page.line(2, "None yet: 'exhibit verify' re-reads the image, 'exhibit verify --source' the source too.");
            return;
        }
        int n = 0;
        for (ChainVerifier.Entry e : all) {
            JsonNode v = e.record();
            String what = v.path("scope").asText().equals("source")
                    ? "source re-read (" + text(v, "source") + ")"
                    : "image files re-read";
            String verdict = v.path("verdict").asText().equals("match") ? "everything matched" : "MISMATCH";
            page.line(2, ++n + ". " + text(v, "time") + " (log line " + e.line() + "): " + what + ": " + verdict);
            page.line(5, "by: " + text(v.path("invocation"), "commandLine"));
            v.path("hashes").properties().forEach(h -> {
                JsonNode expected = end == null ? null : end.path("hashes").get(h.getKey());
                String verdictOfHash = expected == null
                        ? "(no acquisition hash to compare with)"
                        : expected.asText().equals(h.getValue().asText()) ? "matches" : "DIFFERS";
                page.line(
                        5, RecordText.algorithm(h.getKey()) + " " + h.getValue().asText() + " " + verdictOfHash);
            });
            for (JsonNode m : v.path("mismatches")) {
                long from = m.path("byteOffset").asLong(-1);
                String range = from >= 0
                        ? " (image bytes " + from + "-"
                                + (from + m.path("lengthBytes").asLong() - 1) + ")"
                        : "";
                String line = m.path("logLine").asLong(-1) > 0
                        ? " (log line " + m.path("logLine").asLong() + ")"
                        : "";
                page.line(
                        5,
                        "differs: " + text(m, "what") + range + ": expected " + text(m, "expected") + line + ", found "
                                + text(m, "actual"));
            }
            page.line(
                    5,
                    "read " + RecordPage.bytes(v.path("bytesRead")) + "; "
                            + RecordPage.count(v.path("windowsChecked").asLong(), "window") + " checked; "
                            + RecordPage.count(v.path("badSectorCount").asLong(), "unreadable sector"));
            v.path("notes").forEach(note -> page.line(5, "note: " + note.asText()));
            v.path("anchors")
                    .forEach(a -> page.line(
                            5, "anchor, " + text(a, "verdict") + ": " + text(a, "subject") + ": " + text(a, "detail")));
        }
        timeStamps(page, log);
    }

    /** Every RFC 3161 time stamp over the log's head: what it covers, when and by whom. */
    private static void timeStamps(RecordPage page, AcquisitionLog log) {
        page.heading("Time stamps");
        List<ChainVerifier.Entry> all = log.entries(LogTimeStamp.TYPE);
        if (all.isEmpty()) {
            page.line(2, "None: 'exhibit acquire --tsa URL' or 'exhibit verify DIR --tsa URL' time-stamps the log.");
            return;
        }
        for (ChainVerifier.Entry e : all) {
            JsonNode t = e.record();
            page.line(
                    2,
                    "log line " + e.line() + ": " + text(t, "genTime") + " by " + text(t, "authority")
                            + (t.path("untrusted").asBoolean() ? " (UNTRUSTED local authority)" : "")
                            + ", over lines 1 to "
                            + text(t, "coversRecords") + " (head " + text(t, "coversHeadHash") + "), serial "
                            + text(t, "serialNumber"));
        }
    }
}

package dev.exhibit.acquire.log;

import static dev.exhibit.acquire.log.RecordPage.bytes;
import static dev.exhibit.acquire.log.RecordPage.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.Locale;

/** The record's Acquisition section: when, how long, how fast, and every run (the first and each resume). */
final class RunText {
    private RunText() {}

    static void render(RecordPage page, AcquisitionLog log, JsonNode end) {
        page.heading("Acquisition");
        JsonNode start = log.first("start").orElseThrow();
        page.field("Started", text(start.path("invocation"), "started"));
        if (end != null) {
            long millis = end.path("durationMillis").asLong();
            page.field("Ended", text(end, "ended"))
                    .field("Duration", duration(millis) + " spent acquiring (time between runs not counted)")
                    .field("Speed", speed(end.path("bytesPerSecond")))
                    .field("Bytes acquired", bytes(end.path("bytesAcquired")));
        } else {
            JsonNode last = log.entries().getLast().record();
            page.field("Last record", (last == null ? "(not readable)" : text(last, "time")) + " (no end record yet)");
        }
        page.line(2, "Runs:");
        int run = 0;
        boolean open = false;
        for (ChainVerifier.Entry e : log.entries()) {
            JsonNode r = e.record();
            String at = r == null ? "" : text(r, "time") + " (log line " + e.line() + ")";
            switch (r == null ? "" : r.path("type").asText()) {
                case "start" -> {
                    run++;
                    open = true;
                    page.line(4, run + ". started " + at + ": " + text(r.path("invocation"), "commandLine"));
                }
                case "resume" -> {
                    run++;
                    open = true;
                    page.line(4, run + ". resumed " + at + ": " + text(r.path("invocation"), "commandLine"));
                    page.line(7, resumed(r));
                }
                case "failure" -> {
                    open = false;
                    page.line(7, "stopped " + at + ": " + text(r, "kind") + ": " + text(r, "error"));
                    page.line(
                            7,
                            bytes(r.path("bytesResolved")) + " done, " + text(r, "badSectorCount")
                                    + " bad sectors so far"
                                    + (r.path("resumable").asBoolean() ? ", resumable" : ""));
                }
                case "end" -> {
                    open = false;
                    page.line(7, "ended " + at + ": complete");
                }
                default -> {}
            }
        }
        if (open) {
            page.line(7, "no end or failure logged: the process stopped (killed, or a power loss)");
        }
    }

    private static String resumed(JsonNode r) {
        String s = "the previous run was " + text(r, "previousStatus") + "; " + text(r, "verifiedWindows")
                + " logged windows (" + bytes(r.path("verifiedBytes")) + ") hashed again and matched; map "
                + text(r, "badSectorMap");
        JsonNode source = r.path("source");
        if (source.isObject()) {
            s += "; source " + text(source, "path") + " (" + text(source, "kind") + ", " + text(source, "realPath")
                    + "), proved the same by "
                    + RecordPage.count(source.path("windowsReread").size(), "logged window")
                    + " re-read from it"
                    + (source.path("imageSamplesCompared").isEmpty()
                            ? ""
                            : " and "
                                    + RecordPage.count(
                                            source.path("imageSamplesCompared").size(), "sample")
                                    + " compared with the image");
        }
        if (r.path("reacquireFromByte").canConvertToLong()) {
            s += "; acquired again from byte " + r.path("reacquireFromByte").asLong() + ": " + text(r, "mismatch");
        }
        return s;
    }

    /** Seconds to the millisecond, and hours, minutes and seconds once it is long enough to need them. */
    static String duration(long millis) {
        String seconds = String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
        if (millis < 60_000) {
            return seconds;
        }
        long s = millis / 1000;
        return seconds + String.format(Locale.ROOT, " (%d:%02d:%02d)", s / 3600, s / 60 % 60, s % 60);
    }

    private static String speed(JsonNode bytesPerSecond) {
        if (!bytesPerSecond.canConvertToLong()) {
            return RecordPage.NOT_LOGGED;
        }
        long b = bytesPerSecond.asLong();
        return Sizes.human(b) + "/s (" + b + " bytes per second)";
    }
}

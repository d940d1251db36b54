package dev.exhibit.report.custody;

import dev.exhibit.core.Times;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When a custody event happened, as the examiner typed it ({@code --at}). A time without a zone is refused: a local
 * reading moved by an unknown offset is how events end up in the middle of the night. An offset is accepted and the
 * time kept both converted to UTC and as typed.
 *
 * @param utc the instant, written everywhere as UTC
 * @param asGiven the text as typed when it carried an offset other than Z, else {@code null}
 */
public record EventTime(Instant utc, String asGiven) {
    /** A time this far in the future is a typo or a wrong clock, not an event that happened. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    public static EventTime now() {
        return new EventTime(Instant.now(), null);
    }

    /**
     * Parses ISO 8601 with a zone designator, e.g. {@code 2026-11-21T13:40:00Z} or {@code 2026-11-21T14:40:00+01:00}.
     */
    public static EventTime parse(String text, Instant now) {
        String t = text.strip();
        OffsetDateTime odt;
        try {
            odt = OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + t + "' is not ISO 8601 with a zone: write it in UTC as"
                    + " 2026-11-21T13:40:00Z or with an explicit offset as 2026-11-21T14:40:00+01:00");
        }
        Instant instant = odt.toInstant();
        if (instant.isAfter(now.plus(MAX_FUTURE))) {
            throw new IllegalArgumentException("time '" + t + "' (" + Times.utc(instant) + ") is in the future");
        }
        boolean utcAlready = odt.getOffset().getTotalSeconds() == 0 && t.endsWith("Z");
        return new EventTime(instant, utcAlready ? null : t);
    }

    public String utcText() {
        return Times.utc(utc);
    }
}

package dev.exhibit.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Every time Exhibit writes is UTC, with its zone designator, at microsecond precision. */
public final class Times {
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private Times() {}

    /** For example {@code 2026-11-21T13:40:12.123456Z}. */
    public static String utc(Instant instant) {
        return UTC_MICROS.format(instant);
    }

    public static String now() {
        return utc(Instant.now());
    }
}

package dev.exhibit.index;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Times as the database keeps them: UTC text in one fixed form, {@code 2024-01-21T19:00:04.000000000Z}, the form of
 * the analysis files. Compared as text (byte by byte), they sort as the instants do, to the nanosecond, in SQLite
 * and PostgreSQL alike, for every year from 0000 to 9999.
 */
final class Times {
    private static final Pattern FORM = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** The stored form of an instant (a bound of --from or --to). */
    static String of(Instant t) {
        return FORMAT.format(t);
    }

    static String requireUtc(String time, long line) {
        if (!FORM.matcher(time).matches()) {
            throw Json.bad("datetime", line, "is '" + time + "', not UTC with nine decimals");
        }
        return time;
    }
}

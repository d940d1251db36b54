package dev.exhibit.analyze.output;

import java.io.IOException;
import java.time.Instant;

/**
 * UTC times as ISO 8601 with nanoseconds and the zone designator ({@code 2024-01-21T19:00:04.123456789Z}), written
 * digit by digit: a listing writes four per entry and a million entries should not cost four million objects.
 */
public final class IsoTime {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int NANOS_PER_SECOND = 1_000_000_000;
    /** 0000-01-01 and 9999-12-31 as days from the epoch: the years written with four digits. */
    private static final long MIN_DAY = -719_528;

    private static final long MAX_DAY = 2_932_896;

    private IsoTime() {}

    public static void write(ByteOut out, long epochSeconds, long nanos) throws IOException {
        write(out, epochSeconds, nanos, true);
    }

    /** The same form as a string, for JSON built as a tree (the export manifest). */
    public static String text(long epochSeconds, long nanos) {
        long days = Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
        if (nanos < 0 || nanos >= NANOS_PER_SECOND || days < MIN_DAY || days > MAX_DAY) {
            return Instant.ofEpochSecond(epochSeconds, Math.floorMod(nanos, NANOS_PER_SECOND))
                    .toString();
        }
        java.time.LocalDateTime t =
                java.time.LocalDateTime.ofEpochSecond(epochSeconds, (int) nanos, java.time.ZoneOffset.UTC);
        return String.format(
                java.util.Locale.ROOT,
                "%04d-%02d-%02dT%02d:%02d:%02d.%09dZ",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                nanos);
    }

    /**
     * The same time to the second, for people: {@code 2024-01-21 19:00:04}, the zone said once in the heading
     * rather than on every line (the table of {@code analyze files}).
     */
    public static void writeSeconds(ByteOut out, long epochSeconds) throws IOException {
        write(out, epochSeconds, 0, false);
    }

    private static void write(ByteOut out, long epochSeconds, long nanos, boolean iso) throws IOException {
        long days = Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
        long secondOfDay = Math.floorMod(epochSeconds, SECONDS_PER_DAY);
        // days to civil date, proleptic Gregorian (H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999 || nanos < 0 || nanos >= NANOS_PER_SECOND) {
            String text = Instant.ofEpochSecond(epochSeconds, iso ? Math.floorMod(nanos, NANOS_PER_SECOND) : 0)
                    .toString();
            out.ascii(iso ? text : text.replace('T', ' ').replace("Z", ""));
            return;
        }
        digits(out, year, 4);
        out.write('-');
        digits(out, month, 2);
        out.write('-');
        digits(out, day, 2);
        out.write(iso ? 'T' : ' ');
        digits(out, secondOfDay / 3600, 2);
        out.write(':');
        digits(out, secondOfDay / 60 % 60, 2);
        out.write(':');
        digits(out, secondOfDay % 60, 2);
        if (iso) {
            out.write('.');
            digits(out, nanos, 9);
            out.write('Z');
        }
    }

    private static void digits(ByteOut out, long value, int width) throws IOException {
        out.digits(value, width);
    }
}

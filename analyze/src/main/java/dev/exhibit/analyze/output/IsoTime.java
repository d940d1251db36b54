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

    private IsoTime() {}

    public static void write(ByteOut out, long epochSeconds, long nanos) throws IOException {
        write(out, epochSeconds, nanos, true);
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
        long divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.write('0' + (int) (value / divisor % 10));
        }
    }
}

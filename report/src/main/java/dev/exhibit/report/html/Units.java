package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import java.util.Locale;

/**
 * Numbers as a reader of the page wants them: every size in binary units (KiB, MiB, GiB: powers of 1024, the units
 * of {@link Sizes} and of the acquire summary) with the exact byte count beside it, rates in the same units per
 * second, durations in hours, minutes and seconds. The record keeps the exact integers.
 */
final class Units {
    /** Said once on the summary page, so no reader has to guess whether a MiB is 10^6 or 2^20 bytes. */
    static final String NOTE = "Sizes are in binary units: 1 KiB = 1024 bytes, 1 MiB = 1024 KiB, 1 GiB = 1024 MiB;"
            + " exact byte counts are given beside them. Rates are averages over the time spent reading.";

    private Units() {}

    /** {@code 4.00 MiB (4,194,304 bytes)}; a value that is not a number is shown as it is. */
    static String bytes(JsonNode n) {
        if (!n.canConvertToLong()) {
            return plain(n);
        }
        long b = n.asLong();
        return b < 1024 ? grouped(b) + " bytes" : Sizes.human(b) + " (" + grouped(b) + " bytes)";
    }

    /** {@code 251.00 MiB/s (263,192,576 bytes/s)}. */
    static String rate(JsonNode bytesPerSecond) {
        if (!bytesPerSecond.canConvertToLong()) {
            return plain(bytesPerSecond);
        }
        long b = bytesPerSecond.asLong();
        return b < 1024 ? grouped(b) + " bytes/s" : Sizes.human(b) + "/s (" + grouped(b) + " bytes/s)";
    }

    /** {@code 350 ms}, {@code 4.250 s}, {@code 12 min 03 s}, {@code 2 h 05 min 09 s}. */
    static String duration(JsonNode millis) {
        if (!millis.canConvertToLong()) {
            return plain(millis);
        }
        long ms = millis.asLong();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%d.%03d s", ms / 1000, ms % 1000);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s / 60 % 60, s % 60);
    }

    /** A whole number with thousands separated by commas, as forensic tools print byte counts. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String plain(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "—" : n.asText();
    }
}

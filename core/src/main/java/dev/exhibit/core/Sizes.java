package dev.exhibit.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people type them. Binary suffixes (KiB, MiB, GiB, TiB, and the bare K, M, G, T as dd uses them) are
 * powers of 1024; decimal suffixes (kB, MB, GB, TB) are powers of 1000, so {@code 2GiB} and {@code 2GB} differ.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private Sizes() {}

    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "size '" + text + "' is not a number with an optional unit such as 2GiB");
        }
        long multiplier = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            default ->
                throw new IllegalArgumentException(
                        "size '" + text + "' has an unknown unit '" + m.group(2) + "' (use KiB, MiB, GiB, TiB)");
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large", e);
        }
    }

    /** A readable form with the exact byte count, e.g. {@code 2.00 GiB (2147483648 bytes)}. */
    public static String describe(long bytes) {
        return human(bytes) + " (" + bytes + " bytes)";
    }

    public static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}

package dev.exhibit.acquire.badsector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What an unreadable sector is replaced with in the image: zeros (the default, as dc3dd and Guymager do), a hex byte
 * pattern, or a text marker such as {@code BAD SECTOR} that an examiner can search for. The pattern repeats from the
 * start of every filled sector, so each one looks the same wherever it lies.
 *
 * @param description how logs name the fill: {@code zeros}, {@code hex:deadbeef} or {@code text:BAD SECTOR}
 */
public record FillPattern(String description, byte[] bytes) {
    /** A longer pattern would not fit in the smallest sector. */
    public static final int MAX_PATTERN_BYTES = 512;

    public static final FillPattern ZEROS = new FillPattern("zeros", new byte[] {0});

    public FillPattern {
        bytes = bytes.clone();
        if (bytes.length == 0 || bytes.length > MAX_PATTERN_BYTES) {
            throw new IllegalArgumentException("fill pattern '" + description + "' is " + bytes.length
                    + " bytes; it must be 1 to " + MAX_PATTERN_BYTES);
        }
    }

    /** Parses {@code zeros}, {@code hex:HEX} (or bare hex digits) and {@code text:TEXT}. */
    public static FillPattern parse(String spec) {
        String s = spec.strip();
        if (s.equalsIgnoreCase("zeros") || s.equals("0") || s.equals("00")) {
            return ZEROS;
        }
        if (s.startsWith("text:")) {
            return new FillPattern(s, s.substring(5).getBytes(StandardCharsets.US_ASCII));
        }
        String hex = s.toLowerCase(Locale.ROOT);
        hex = hex.startsWith("hex:") ? hex.substring(4) : hex.startsWith("0x") ? hex.substring(2) : hex;
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(
                    "--fill '" + spec + "' is not zeros, hex:HEX with an even number of" + " hex digits, or text:TEXT");
        }
        return new FillPattern("hex:" + hex, HexFormat.of().parseHex(hex));
    }

    /** Fills {@code sector} with the pattern, starting from its first byte. */
    public void fill(MemorySegment sector) {
        if (bytes.length == 1) {
            sector.fill(bytes[0]);
            return;
        }
        for (long i = 0; i < sector.byteSize(); i++) {
            sector.set(ValueLayout.JAVA_BYTE, i, bytes[(int) (i % bytes.length)]);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}

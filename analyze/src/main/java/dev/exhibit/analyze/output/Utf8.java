package dev.exhibit.analyze.output;

/** Byte-level UTF-8 for raw evidence names: well-formed sequences (RFC 3629) and their code points. */
public final class Utf8 {
    private Utf8() {}

    /**
     * Length of the well-formed UTF-8 sequence at {@code i} (no overlong forms, no surrogates, nothing above
     * U+10FFFF), or 0 when the byte there does not start one.
     */
    public static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int n;
        int min = 0x80;
        int max = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = c == 0xE0 ? 0xA0 : 0x80;
            max = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = c == 0xF0 ? 0x90 : 0x80;
            max = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + n > end || !between(b[i + 1], min, max)) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            if (!between(b[i + k], 0x80, 0xBF)) {
                return 0;
            }
        }
        return n;
    }

    /** The code point of the well-formed sequence of {@code n} bytes at {@code i}. */
    public static int decode(byte[] b, int i, int n) {
        int c = b[i] & 0xFF;
        return switch (n) {
            case 1 -> c;
            case 2 -> ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
            case 3 -> ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
            default -> ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
        };
    }

    private static boolean between(byte b, int min, int max) {
        int v = b & 0xFF;
        return v >= min && v <= max;
    }
}

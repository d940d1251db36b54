package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;

/** The digests a hash set can hold, their widths, and hex decoding without allocation. */
final class Digests {
    /** The algorithms a set indexes, in the order files and records list them. */
    static final HashAlgorithm[] INDEXED = {HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256};

    /** The widest digest a set holds (SHA-256), in bytes. */
    static final int MAX_WIDTH_BYTES = 32;

    private Digests() {}

    /** Width in bytes of {@code algorithm}'s digest; SHA-512 is not indexed (no hash set publishes it). */
    static int widthBytes(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> 16;
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> throw new IllegalArgumentException("hash sets do not index sha512");
        };
    }

    /** The indexed algorithm whose digest has {@code hexDigits} hex digits, or null. */
    static HashAlgorithm ofHexLength(int hexDigits) {
        return switch (hexDigits) {
            case 32 -> HashAlgorithm.MD5;
            case 40 -> HashAlgorithm.SHA1;
            case 64 -> HashAlgorithm.SHA256;
            default -> null;
        };
    }

    /** The value of hex digit {@code c} (either case), or -1. */
    static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** How many hex digits start at {@code from} (up to {@code end}). */
    static int hexRun(byte[] b, int from, int end) {
        int i = from;
        while (i < end && hexValue(b[i]) >= 0) {
            i++;
        }
        return i - from;
    }

    /** Decodes {@code 2 * width} hex digits at {@code from} into {@code out}; false if any is not a hex digit. */
    static boolean decode(byte[] b, int from, int width, byte[] out) {
        for (int i = 0; i < width; i++) {
            int hi = hexValue(b[from + 2 * i]);
            int lo = hexValue(b[from + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return false;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return true;
    }
}

package dev.exhibit.image.ewf;

import java.util.zip.Adler32;

/** Little-endian fields of EWF structures, and the Adler-32 that guards them (stored little-endian, start value 1). */
final class Bytes {
    private Bytes() {}

    static void putU16(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
    }

    static void putU32(byte[] b, int off, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("value " + value + " does not fit an unsigned 32-bit field");
        }
        putI32(b, off, (int) value);
    }

    static void putI32(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
        b[off + 3] = (byte) (value >>> 24);
    }

    static void putU64(byte[] b, int off, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value " + value + " is negative in an unsigned 64-bit field");
        }
        putI32(b, off, (int) value);
        putI32(b, off + 4, (int) (value >>> 32));
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    /** An unsigned 64-bit field; values of 2^63 and above come back negative, for the caller to reject. */
    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static int adler32(byte[] b, int off, int len) {
        Adler32 a = new Adler32();
        a.update(b, off, len);
        return (int) a.getValue();
    }

    /** Writes the Adler-32 of {@code b[off, off+len)} little-endian right after that range. */
    static void sealAdler(byte[] b, int off, int len) {
        putI32(b, off + len, adler32(b, off, len));
    }

    /** Whether the little-endian Adler-32 stored after {@code b[off, off+len)} matches it. */
    static boolean adlerMatches(byte[] b, int off, int len) {
        return i32(b, off + len) == adler32(b, off, len);
    }

    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

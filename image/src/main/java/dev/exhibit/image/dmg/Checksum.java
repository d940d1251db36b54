package dev.exhibit.image.dmg;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A UDIF checksum field: type (2 = CRC-32, 0 = none), size in bits, and up to 128 bytes of value.
 *
 * @param type the UDIF checksum type
 * @param bits the value's size in bits
 * @param value the value's bytes ({@code bits / 8} of them, at most 128)
 */
record Checksum(int type, int bits, byte[] value) {
    static final int CRC32 = 2;

    static Checksum parse(ByteBuffer b, int at) {
        int type = b.getInt(at);
        int bits = b.getInt(at + 4);
        int bytes = Math.clamp(bits / 8, 0, 128);
        byte[] value = new byte[bytes];
        b.get(at + 8, value);
        return new Checksum(type, bits, value);
    }

    boolean absent() {
        return type == 0;
    }

    boolean isCrc32() {
        return type == CRC32 && bits == 32;
    }

    /** The stored CRC-32 as an unsigned value (only when {@link #isCrc32}). */
    long crc32() {
        return ByteBuffer.wrap(value).getInt(0) & 0xFFFFFFFFL;
    }

    String hex() {
        return HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checksum c && c.type == type && c.bits == bits && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + bits) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "type " + type + "/" + bits + " bits " + hex();
    }
}

package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small LZFSE streams byte by byte for tests: block magics, little-endian fields, raw bytes. */
final class Streams {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Streams magic(String magic) {
        out.writeBytes(magic.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Streams u32(long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    Streams bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    Streams text(String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A bvxn block around the given opcodes, with its decoded size. */
    Streams lzvn(long rawBytes, Streams opcodes) {
        byte[] payload = opcodes.toByteArray();
        magic("bvxn").u32(rawBytes).u32(payload.length);
        out.writeBytes(payload);
        return this;
    }

    Streams raw(String ascii) {
        return magic("bvx-").u32(ascii.length()).text(ascii);
    }

    Streams end() {
        return magic("bvx$");
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}

package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;

/** Appends values least significant bit first at rising bit positions, as an FSE stream is written. */
final class BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long accum;
    private int held;
    private long total;

    void write(long value, int count) {
        accum |= (value & ((1L << count) - 1)) << held;
        held += count;
        total += count;
        while (held >= 8) {
            out.write((int) accum);
            accum >>>= 8;
            held -= 8;
        }
    }

    /** The stream with {@code padBytes} zero bytes before it (never read by a decoder, which reads from the end). */
    byte[] finish(int padBytes) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(new byte[padBytes]);
        all.writeBytes(out.toByteArray());
        if (held > 0) {
            all.write((int) accum);
        }
        return all.toByteArray();
    }

    /** Minus the unused high bits of the last byte, as the block header stores it. */
    int finalBits() {
        return (int) -((8 - total % 8) % 8);
    }
}

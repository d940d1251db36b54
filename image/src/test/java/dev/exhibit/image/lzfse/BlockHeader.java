package dev.exhibit.image.lzfse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A bvx1 or bvx2 block header as {@link FseWriter} writes it. */
record BlockHeader(
        int rawBytes,
        int literals,
        int matches,
        int literalPayloadBytes,
        int lmdPayloadBytes,
        int literalBits,
        int lmdBits,
        int[] literalStates,
        int lState,
        int mState,
        int dState,
        int[] frequencies) {

    byte[] v1() {
        ByteBuffer b = ByteBuffer.allocate(FseHeader.V1_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Lzfse.FSE_V1).putInt(rawBytes).putInt(literalPayloadBytes + lmdPayloadBytes);
        b.putInt(literals).putInt(matches).putInt(literalPayloadBytes).putInt(lmdPayloadBytes);
        b.putInt(literalBits);
        for (int s : literalStates) {
            b.putShort((short) s);
        }
        b.putInt(lmdBits).putShort((short) lState).putShort((short) mState).putShort((short) dState);
        for (int f : frequencies) {
            b.putShort((short) f);
        }
        return b.array();
    }

    byte[] v2() {
        BitWriter code = new BitWriter();
        for (int f : frequencies) {
            if (f < 2) {
                code.write(f << 1, 2);
            } else if (f < 4) {
                code.write(1 | (f - 2) << 2, 3);
            } else if (f < 8) {
                code.write(3 | (f - 4) << 3, 5);
            } else if (f < 24) {
                code.write(7 | (f - 8) << 4, 8);
            } else {
                code.write(15 | (f - 24) << 4, 14);
            }
        }
        byte[] packed = code.finish(0);
        long w0 = literals | (long) literalPayloadBytes << 20 | (long) matches << 40 | (long) (literalBits + 7) << 60;
        long w1 = 0;
        for (int i = 0; i < 4; i++) {
            w1 |= (long) literalStates[i] << (10 * i);
        }
        w1 |= (long) lmdPayloadBytes << 40 | (long) (lmdBits + 7) << 60;
        long w2 = (FseHeader.V2_FIXED_BYTES + packed.length)
                | (long) lState << 32
                | (long) mState << 42
                | (long) dState << 52;
        ByteBuffer b =
                ByteBuffer.allocate(FseHeader.V2_FIXED_BYTES + packed.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Lzfse.FSE_V2)
                .putInt(rawBytes)
                .putLong(w0)
                .putLong(w1)
                .putLong(w2)
                .put(packed);
        return b.array();
    }
}

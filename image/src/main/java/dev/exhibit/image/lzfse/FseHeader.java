package dev.exhibit.image.lzfse;

/**
 * The header of a {@code bvx1} or {@code bvx2} block, read and checked against the format's limits. {@code bvx1}
 * stores it as a plain little-endian structure of 772 bytes; {@code bvx2} packs the counts and final states into three
 * 64-bit words and the 360 symbol frequencies into a variable-length code.
 */
final class FseHeader {
    /** The encoder's limits: its literal buffer and its match count per block. */
    static final int MAX_LITERALS = 40_000;

    static final int MAX_MATCHES = 10_000;

    /** Payload sizes are 20-bit fields in {@code bvx2}; {@code bvx1}'s 32-bit ones are held to the same bound. */
    static final int MAX_PAYLOAD_BYTES = (1 << 20) - 1;

    static final int V1_HEADER_BYTES = 772; // 770 bytes of fields, padded to the structure's 4-byte alignment
    static final int V2_FIXED_BYTES = 32; // magic, decoded size, three packed words
    static final int SYMBOLS =
            FseTables.L_SYMBOLS + FseTables.M_SYMBOLS + FseTables.D_SYMBOLS + FseTables.LITERAL_SYMBOLS;
    /** A packed frequency takes at most 14 bits; the reference format reserves two bytes per symbol. */
    static final int V2_MAX_HEADER_BYTES = V2_FIXED_BYTES + 2 * SYMBOLS;

    long rawBytes;
    int headerBytes;
    int literals;
    int matches;
    int literalPayloadBytes;
    int lmdPayloadBytes;
    int literalBits;
    int lmdBits;
    final int[] literalStates = new int[4];
    int lState;
    int mState;
    int dState;
    /** L, M, D then literal frequencies, in that order. */
    final int[] frequencies = new int[SYMBOLS];

    void read(Lzfse.Block block, boolean packed) throws LzfseException {
        String kind = packed ? "bvx2" : "bvx1";
        byte[] b = block.src();
        int at = block.start();
        if (packed) {
            block.require(kind, V2_FIXED_BYTES, "header");
            rawBytes = LittleEndian.u32(b, at + 4);
            long w0 = LittleEndian.i64(b, at + 8);
            long w1 = LittleEndian.i64(b, at + 16);
            long w2 = LittleEndian.i64(b, at + 24);
            literals = field(w0, 0, 20);
            literalPayloadBytes = field(w0, 20, 20);
            matches = field(w0, 40, 20);
            literalBits = field(w0, 60, 3) - 7;
            for (int i = 0; i < 4; i++) {
                literalStates[i] = field(w1, 10 * i, 10);
            }
            lmdPayloadBytes = field(w1, 40, 20);
            lmdBits = field(w1, 60, 3) - 7;
            long size = w2 & 0xffff_ffffL;
            lState = field(w2, 32, 10);
            mState = field(w2, 42, 10);
            dState = field(w2, 52, 10);
            if (size < V2_FIXED_BYTES || size > V2_MAX_HEADER_BYTES) {
                throw block.fail(
                        kind, "header size " + size + " is outside " + V2_FIXED_BYTES + ".." + V2_MAX_HEADER_BYTES);
            }
            headerBytes = (int) size;
            block.require(kind, headerBytes, "header");
            FrequencyCode.unpack(b, at + V2_FIXED_BYTES, at + headerBytes, frequencies, block);
        } else {
            block.require(kind, V1_HEADER_BYTES, "header");
            headerBytes = V1_HEADER_BYTES;
            rawBytes = LittleEndian.u32(b, at + 4);
            // at + 8 holds the total payload size, which the two sizes below make redundant
            literals = count(b, at + 12, MAX_LITERALS, "literal count", block, kind);
            matches = count(b, at + 16, MAX_MATCHES, "match count", block, kind);
            literalPayloadBytes = count(b, at + 20, MAX_PAYLOAD_BYTES, "literal payload size", block, kind);
            lmdPayloadBytes = count(b, at + 24, MAX_PAYLOAD_BYTES, "match payload size", block, kind);
            literalBits = LittleEndian.i32(b, at + 28);
            for (int i = 0; i < 4; i++) {
                literalStates[i] = LittleEndian.u16(b, at + 32 + 2 * i);
            }
            lmdBits = LittleEndian.i32(b, at + 40);
            lState = LittleEndian.u16(b, at + 44);
            mState = LittleEndian.u16(b, at + 46);
            dState = LittleEndian.u16(b, at + 48);
            for (int i = 0; i < SYMBOLS; i++) {
                frequencies[i] = LittleEndian.u16(b, at + 50 + 2 * i);
            }
        }
        check(block, kind);
    }

    private void check(Lzfse.Block block, String kind) throws LzfseException {
        if (literals > MAX_LITERALS) {
            throw block.fail(kind, "literal count " + literals + " exceeds the block limit of " + MAX_LITERALS);
        }
        if (matches > MAX_MATCHES) {
            throw block.fail(kind, "match count " + matches + " exceeds the block limit of " + MAX_MATCHES);
        }
        checkBits(literalBits, "literal", block, kind);
        checkBits(lmdBits, "match", block, kind);
        for (int i = 0; i < 4; i++) {
            checkState(literalStates[i], FseTables.LITERAL_STATES, "literal state " + i, block, kind);
        }
        checkState(lState, FseTables.L_STATES, "L state", block, kind);
        checkState(mState, FseTables.M_STATES, "M state", block, kind);
        checkState(dState, FseTables.D_STATES, "D state", block, kind);
        long blockBytes = (long) headerBytes + literalPayloadBytes + lmdPayloadBytes;
        block.require(kind, blockBytes, "header and payloads");
    }

    private static void checkBits(int bits, String stream, Lzfse.Block block, String kind) throws LzfseException {
        if (bits < -7 || bits > 0) {
            throw block.fail(kind, stream + " stream's final bit count " + bits + " is outside -7..0");
        }
    }

    private static void checkState(int state, int states, String name, Lzfse.Block block, String kind)
            throws LzfseException {
        if (state >= states) {
            throw block.fail(kind, name + " " + state + " is outside the table's " + states + " states");
        }
    }

    private static int count(byte[] b, int at, int limit, String name, Lzfse.Block block, String kind)
            throws LzfseException {
        long value = LittleEndian.u32(b, at);
        if (value > limit) {
            throw block.fail(kind, name + " " + value + " exceeds the block limit of " + limit);
        }
        return (int) value;
    }

    private static int field(long word, int shift, int bits) {
        return (int) (word >>> shift & ((1L << bits) - 1));
    }
}

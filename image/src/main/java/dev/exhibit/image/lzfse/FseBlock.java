package dev.exhibit.image.lzfse;

/**
 * Decodes {@code bvx1} and {@code bvx2} blocks. After the header come two payloads, each a finite-state-entropy bit
 * stream that the encoder wrote forwards and the decoder reads backwards from its end: first the literals (four
 * interleaved states, four literals per refill), then the L/M/D triples (literal run, match length, match distance;
 * distance 0 repeats the previous one). The header gives both streams' final states and how many bits of their last
 * byte are unused. One instance holds the tables and the literal buffer and serves one decode call at a time.
 */
final class FseBlock {
    private final FseHeader header = new FseHeader();
    private final FseTables tables = new FseTables();
    private final byte[] literals = new byte[FseHeader.MAX_LITERALS];

    /** Decodes the block at {@code block.start()} and returns where the next block starts. */
    int decode(Lzfse.Block block, boolean packed, Lzfse.Output out) throws LzfseException {
        String kind = packed ? "bvx2" : "bvx1";
        header.read(block, packed);
        out.reserve(block, kind, header.rawBytes);
        tables.build(header, block, kind);
        int literalStart = block.start() + header.headerBytes;
        int lmdStart = literalStart + header.literalPayloadBytes;
        int next = lmdStart + header.lmdPayloadBytes;
        decodeLiterals(block, kind, literalStart, lmdStart);
        int produced = decodeMatches(block, kind, lmdStart, next, out);
        if (produced != header.rawBytes) {
            throw block.fail(kind, "its matches decode to " + produced + " bytes, its header says " + header.rawBytes);
        }
        out.position += produced;
        return next;
    }

    private void decodeLiterals(Lzfse.Block block, String kind, int start, int end) throws LzfseException {
        BitReader in = new BitReader(block, kind, "literal", start, end, header.literalBits);
        int[] table = tables.literal;
        byte[] lits = literals;
        int s0 = header.literalStates[0];
        int s1 = header.literalStates[1];
        int s2 = header.literalStates[2];
        int s3 = header.literalStates[3];
        // Literals come in fours; the encoder pads the count, and the buffer's size is a multiple of four.
        // The bit reader's state is copied into locals here and in decodeMatches: the JIT keeps it in registers.
        // Bits above the `bits` still unread are left in the accumulator and masked off each value taken, so
        // that only the bit count, not the accumulator, carries from one literal to the next.
        byte[] src = in.src;
        int lastWord = in.lastWord;
        int at = in.at;
        long accum = in.accum;
        int bits = in.bits;
        int count = header.literals;
        for (int i = 0; i < count; i += 4) {
            int load = (63 - bits) & -8;
            int from = at - (load >>> 3);
            long incoming = from >= start && from <= lastWord
                    ? LittleEndian.i64(src, from) & ((1L << load) - 1)
                    : in.load(from, load);
            at = from;
            accum = accum << load | incoming;
            bits += load;
            int e = table[s0];
            lits[i] = (byte) (e >>> 8);
            bits -= e & 0xff;
            s0 = (e >>> 16) + ((int) (accum >>> bits) & ((1 << (e & 0xff)) - 1));
            e = table[s1];
            lits[i + 1] = (byte) (e >>> 8);
            bits -= e & 0xff;
            s1 = (e >>> 16) + ((int) (accum >>> bits) & ((1 << (e & 0xff)) - 1));
            e = table[s2];
            lits[i + 2] = (byte) (e >>> 8);
            bits -= e & 0xff;
            s2 = (e >>> 16) + ((int) (accum >>> bits) & ((1 << (e & 0xff)) - 1));
            e = table[s3];
            lits[i + 3] = (byte) (e >>> 8);
            bits -= e & 0xff;
            s3 = (e >>> 16) + ((int) (accum >>> bits) & ((1 << (e & 0xff)) - 1));
        }
        in.at = at;
        in.accum = accum;
        in.bits = bits;
        in.checkNotOverrun();
    }

    private int decodeMatches(Lzfse.Block block, String kind, int start, int end, Lzfse.Output output)
            throws LzfseException {
        BitReader in = new BitReader(block, kind, "match", start, end, header.lmdBits);
        long[] lTable = tables.l;
        long[] mTable = tables.m;
        long[] dTable = tables.d;
        byte[] lits = literals;
        byte[] dst = output.dst;
        int ls = header.lState;
        int ms = header.mState;
        int ds = header.dState;
        int literalsLeft = header.literals;
        int lit = 0;
        int out = output.position;
        int first = out;
        int blockEnd = out + (int) header.rawBytes;
        int distance = 0;
        byte[] src = in.src;
        int lastWord = in.lastWord;
        int at = in.at;
        long accum = in.accum;
        int held = in.bits;
        int matches = header.matches;
        for (int i = 0; i < matches; i++) {
            int load = (63 - held) & -8;
            int from = at - (load >>> 3);
            long incoming = from >= start && from <= lastWord
                    ? LittleEndian.i64(src, from) & ((1L << load) - 1)
                    : in.load(from, load);
            at = from;
            accum = accum << load | incoming;
            held += load;
            long e = lTable[ls];
            held -= (int) e & 0xff;
            int bits = (int) (accum >>> held) & ((1 << ((int) e & 0xff)) - 1);
            int extra = (int) e >>> 8 & 0xff;
            ls = ((int) e >>> 16) + (bits >>> extra);
            int l = (int) (e >>> 32) + (bits & ((1 << extra) - 1));
            e = mTable[ms];
            held -= (int) e & 0xff;
            bits = (int) (accum >>> held) & ((1 << ((int) e & 0xff)) - 1);
            extra = (int) e >>> 8 & 0xff;
            ms = ((int) e >>> 16) + (bits >>> extra);
            int m = (int) (e >>> 32) + (bits & ((1 << extra) - 1));
            e = dTable[ds];
            held -= (int) e & 0xff;
            bits = (int) (accum >>> held) & ((1 << ((int) e & 0xff)) - 1);
            extra = (int) e >>> 8 & 0xff;
            ds = ((int) e >>> 16) + (bits >>> extra);
            int d = (int) (e >>> 32) + (bits & ((1 << extra) - 1));
            if (d != 0) {
                distance = d;
            }
            if (l > literalsLeft - lit) {
                throw block.fail(
                        kind,
                        "match " + i + " takes " + l + " literals, only " + (literalsLeft - lit) + " of the block's "
                                + literalsLeft + " remain");
            }
            if (l + m > blockEnd - out) {
                throw block.fail(kind, "match " + i + " writes past the block's " + header.rawBytes + " decoded bytes");
            }
            System.arraycopy(lits, lit, dst, out, l);
            lit += l;
            out += l;
            if (m > 0) {
                Matches.copy(output, out, distance, m, block, kind, "match", i);
                out += m;
            }
        }
        in.at = at;
        in.accum = accum;
        in.bits = held;
        in.checkNotOverrun();
        return out - first;
    }
}

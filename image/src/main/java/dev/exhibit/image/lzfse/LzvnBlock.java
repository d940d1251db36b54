package dev.exhibit.image.lzfse;

/**
 * Decodes one {@code bvxn} block: a 12-byte header (magic, decoded size, payload size) and LZVN opcodes. Each opcode
 * carries up to three fields, L literal bytes that follow it, then a match of M bytes at distance D back in the
 * output; D may be the previous one. Opcode families by their first byte (bits written high to low):
 *
 * <pre>
 *   LLMMMDDD DDDDDDDD           small distance: L 0-3, M 3-10, D 11 bits (DDD not 110 or 111)
 *   101LLMMM DDDDDDMM DDDDDDDD  medium distance: L 0-3, M 3-34, D 14 bits
 *   LLMMM111 DDDDDDDD DDDDDDDD  large distance: L 0-3, M 3-10, D 16 bits little-endian
 *   LLMMM110                    previous distance: L 1-3, M 3-10
 *   1110LLLL / 11100000 LLLLLLLL   literals only: L 1-15 / 16-271
 *   1111MMMM / 11110000 MMMMMMMM   match at the previous distance only: M 1-15 / 16-271
 *   00000110 (then 7 bytes) end of stream; 00001110, 00010110 no operation
 *   the rest of 00xxx110, and 0111xxxx and 1101xxxx: undefined
 * </pre>
 *
 * <p>So the first byte limits M when literals come with a match: L=1 allows M up to 8, L=2 up to 6, L=3 up to 4.
 * Matches may reach back into earlier blocks of the stream; the previous distance starts at none in each block.
 */
final class LzvnBlock {
    private static final int HEADER_BYTES = 12;

    // Opcode kinds, looked up by the first byte.
    private static final byte SMALL = 0;
    private static final byte MEDIUM = 1;
    private static final byte LARGE = 2;
    private static final byte PREVIOUS = 3;
    private static final byte LITERALS = 4;
    private static final byte LONG_LITERALS = 5;
    private static final byte MATCH = 6;
    private static final byte LONG_MATCH = 7;
    private static final byte END = 8;
    private static final byte NOP = 9;
    private static final byte UNDEFINED = 10;
    private static final byte[] KIND = kinds();

    private LzvnBlock() {}

    static int decode(Lzfse.Block block, Lzfse.Output out) throws LzfseException {
        block.require("bvxn", HEADER_BYTES, "header");
        byte[] src = block.src();
        long rawBytes = LittleEndian.u32(src, block.start() + 4);
        long payloadBytes = LittleEndian.u32(src, block.start() + 8);
        int at = block.start() + HEADER_BYTES;
        if (payloadBytes > block.end() - at) {
            throw block.fail(
                    "bvxn",
                    "its payload is " + payloadBytes + " bytes, but only " + (block.end() - at)
                            + " remain in the input");
        }
        out.reserve(block, "bvxn", rawBytes);
        int payloadEnd = at + (int) payloadBytes;
        int produced = opcodes(block, src, at, payloadEnd, out, out.position + (int) rawBytes);
        if (produced != rawBytes) {
            throw block.fail("bvxn", "its opcodes decode to " + produced + " bytes, its header says " + rawBytes);
        }
        out.position += produced;
        return payloadEnd;
    }

    /** Runs the opcodes in {@code src[at, end)} into the output up to {@code outEnd}; returns the bytes produced. */
    private static int opcodes(Lzfse.Block block, byte[] src, int at, int end, Lzfse.Output output, int outEnd)
            throws LzfseException {
        byte[] dst = output.dst;
        int out = output.position;
        int first = out;
        int distance = 0;
        while (at < end) {
            int opcode = src[at] & 0xff;
            int length;
            int literals;
            int match;
            switch (KIND[opcode]) {
                case SMALL -> {
                    length = 2;
                    literals = opcode >>> 6;
                    match = (opcode >>> 3 & 7) + 3;
                    if (end - at >= length) {
                        distance = (opcode & 7) << 8 | src[at + 1] & 0xff;
                    }
                }
                case MEDIUM -> {
                    length = 3;
                    literals = opcode >>> 3 & 3;
                    if (end - at >= length) {
                        int field = LittleEndian.u16(src, at + 1);
                        match = ((opcode & 7) << 2 | field & 3) + 3;
                        distance = field >>> 2;
                    } else {
                        match = 0;
                    }
                }
                case LARGE -> {
                    length = 3;
                    literals = opcode >>> 6;
                    match = (opcode >>> 3 & 7) + 3;
                    if (end - at >= length) {
                        distance = LittleEndian.u16(src, at + 1);
                    }
                }
                case PREVIOUS -> {
                    length = 1;
                    literals = opcode >>> 6;
                    match = (opcode >>> 3 & 7) + 3;
                }
                case LITERALS -> {
                    length = 1;
                    literals = opcode & 15;
                    match = 0;
                }
                case LONG_LITERALS -> {
                    length = 2;
                    literals = end - at >= length ? (src[at + 1] & 0xff) + 16 : 0;
                    match = 0;
                }
                case MATCH -> {
                    length = 1;
                    literals = 0;
                    match = opcode & 15;
                }
                case LONG_MATCH -> {
                    length = 2;
                    literals = 0;
                    match = end - at >= length ? (src[at + 1] & 0xff) + 16 : 0;
                }
                case END -> {
                    return out - first;
                }
                case NOP -> {
                    at++;
                    continue;
                }
                default ->
                    throw block.fail(
                            "bvxn",
                            String.format(
                                    "undefined opcode %02x at payload byte %d",
                                    opcode, at - block.start() - HEADER_BYTES));
            }
            if (end - at < length + literals) {
                throw block.fail(
                        "bvxn",
                        String.format(
                                "opcode %02x at payload byte %d needs %d bytes, only %d remain",
                                opcode, at - block.start() - HEADER_BYTES, length + literals, end - at));
            }
            if (literals + match > outEnd - out) {
                throw block.fail(
                        "bvxn",
                        "opcode at payload byte " + (at - block.start() - HEADER_BYTES) + " writes past the block's "
                                + (outEnd - first) + " decoded bytes");
            }
            int opcodeAt = at - block.start() - HEADER_BYTES;
            at += length;
            if (literals > 0) {
                System.arraycopy(src, at, dst, out, literals);
                at += literals;
                out += literals;
            }
            if (match > 0) {
                Matches.copy(output, out, distance, match, block, "bvxn", "opcode at payload byte", opcodeAt);
                out += match;
            }
        }
        return out - first;
    }

    private static byte[] kinds() {
        byte[] kind = new byte[256];
        for (int opcode = 0; opcode < 256; opcode++) {
            int low = opcode & 7;
            if (opcode >= 0xf0) {
                kind[opcode] = opcode == 0xf0 ? LONG_MATCH : MATCH;
            } else if (opcode >= 0xe0) {
                kind[opcode] = opcode == 0xe0 ? LONG_LITERALS : LITERALS;
            } else if (opcode >= 0xa0 && opcode < 0xc0) {
                kind[opcode] = MEDIUM;
            } else if (opcode >= 0x70 && opcode < 0x80 || opcode >= 0xd0 && opcode < 0xe0) {
                kind[opcode] = UNDEFINED;
            } else if (low == 7) {
                kind[opcode] = LARGE;
            } else if (low != 6) {
                kind[opcode] = SMALL;
            } else if (opcode >= 0x40) {
                kind[opcode] = PREVIOUS;
            } else {
                kind[opcode] = opcode == 0x06 ? END : opcode == 0x0e || opcode == 0x16 ? NOP : UNDEFINED;
            }
        }
        return kind;
    }
}

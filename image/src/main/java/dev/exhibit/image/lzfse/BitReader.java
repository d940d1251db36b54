package dev.exhibit.image.lzfse;

/**
 * An FSE bit stream read backwards from the end of its payload, through a 64-bit accumulator: it starts with the last
 * 8 bytes (7 when no bit of the last byte is unused). The decoding loops in {@link FseBlock} refill it inline, with
 * whole bytes up to at least 56 bits, enough for four literals (10 bits each) or one L/M/D triple (14 + 17 + 23 bits)
 * between refills, so taking bits needs no check; they copy its state into locals for speed and back at the end.
 *
 * <p>Near the start of the payload a refill may ask for more bytes than remain: the encoder does not pad the literal
 * stream, and a valid stream never uses those bits. They load as zeros here (the reference decoder reads whatever
 * precedes the payload), and {@link #checkNotOverrun} fails a stream that did use them.
 */
final class BitReader {
    private static final int MIN_BITS_AFTER_REFILL = 56;

    private final Lzfse.Block block;
    private final String kind;
    private final String stream;
    final byte[] src;
    final int start;
    /** The last position from which 8 bytes can be read at once. */
    final int lastWord;

    // The decoding loops copy these into locals and back (see FseBlock): the state then lives in registers.
    int at;
    long accum;
    int bits;

    /**
     * @param finalBits minus the number of unused high bits in the stream's last byte, as the header gives it (-7..0)
     */
    BitReader(Lzfse.Block block, String kind, String stream, int start, int end, int finalBits) throws LzfseException {
        this.block = block;
        this.kind = kind;
        this.stream = stream;
        this.src = block.src();
        this.start = start;
        this.lastWord = block.end() - 8;
        int first = finalBits != 0 ? 8 : 7;
        at = end - first;
        accum = load(at, first * 8);
        bits = finalBits != 0 ? 64 + finalBits : MIN_BITS_AFTER_REFILL;
        if (bits < 64 && accum >>> bits != 0) {
            throw block.fail(kind, "the " + stream + " stream's unused high bits are not zero");
        }
    }

    /** Fails if the stream used bits from before the start of its payload. */
    void checkNotOverrun() throws LzfseException {
        long missingBits = (long) (start - at) * 8;
        if (missingBits > bits) {
            throw block.fail(
                    kind,
                    "the " + stream + " stream needs " + (missingBits - bits) + " bits more than its payload holds");
        }
    }

    /** {@code n} bits (0 to 64, whole bytes) from {@code from} on, little-endian; bytes before the payload read 0. */
    long load(int from, int n) {
        if (from >= start && from <= lastWord) {
            long word = LittleEndian.i64(src, from);
            return n == 64 ? word : word & ((1L << n) - 1);
        }
        if (n == 0) {
            return 0;
        }
        long word = 0;
        for (int i = (n >>> 3) - 1; i >= 0; i--) {
            word = word << 8 | (from + i >= start && from + i < lastWord + 8 ? src[from + i] & 0xffL : 0);
        }
        return word;
    }
}

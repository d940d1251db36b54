package dev.exhibit.image.lzfse;

/**
 * Reads an FSE bit stream backwards from the end of its payload, through a 64-bit accumulator. It starts with the last
 * 8 bytes (7 when no bit of the last byte is unused) and refills whole bytes to at least 56 bits, enough for four
 * literals (10 bits each) or one L/M/D triple (14 + 17 + 23 bits) between refills; so {@link #pull} needs no check.
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
    private final int start;
    private int at;
    private long accum;
    private int bits;

    /**
     * @param finalBits minus the number of unused high bits in the stream's last byte, as the header gives it (-7..0)
     */
    BitReader(Lzfse.Block block, String kind, String stream, int start, int end, int finalBits) throws LzfseException {
        this.block = block;
        this.kind = kind;
        this.stream = stream;
        this.start = start;
        int first = finalBits != 0 ? 8 : 7;
        at = end - first;
        accum = load(at, first * 8);
        bits = finalBits != 0 ? 64 + finalBits : MIN_BITS_AFTER_REFILL;
        if (bits < 64 && accum >>> bits != 0) {
            throw block.fail(kind, "the " + stream + " stream's unused high bits are not zero");
        }
    }

    /** Loads whole bytes from below until at least 56 bits are held. */
    void refill() {
        int loadBits = (63 - bits) & -8;
        if (loadBits == 0) {
            return;
        }
        at -= loadBits >>> 3;
        accum = accum << loadBits | load(at, loadBits);
        bits += loadBits;
    }

    /** The next {@code n} bits (0 to 32), most significant first. */
    int pull(int n) {
        bits -= n;
        int value = (int) (accum >>> bits);
        accum &= (1L << bits) - 1;
        return value;
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

    /** {@code n} bits (8 to 64, whole bytes) from {@code from} on, little-endian; bytes before the payload read 0. */
    private long load(int from, int n) {
        byte[] src = block.src();
        if (from >= start && from <= block.end() - 8) {
            long word = LittleEndian.i64(src, from);
            return n == 64 ? word : word & ((1L << n) - 1);
        }
        long word = 0;
        for (int i = (n >>> 3) - 1; i >= 0; i--) {
            word = word << 8 | (from + i >= start && from + i < block.end() ? src[from + i] & 0xffL : 0);
        }
        return word;
    }
}

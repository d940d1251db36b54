package dev.exhibit.image.lzfse;

import java.util.Arrays;

/**
 * The finite-state-entropy decoding tables of one block, built from its normalized symbol frequencies. Symbol s with
 * frequency f owns f consecutive states; in each, the next state is a base ({@code delta}) plus k or k-1 bits read
 * from the stream, where k is the shift that puts f·2^k in [states, 2·states). For the L, M and D tables a state also
 * carries the symbol's base value and how many extra bits add to it, read together with the state bits.
 *
 * <p>Because no frequency table may sum to more than its state count, every next state stays below that count: a
 * decoder whose states come from these tables can index them without further checks.
 */
final class FseTables {
    static final int LITERAL_STATES = 1024;
    static final int L_STATES = 64;
    static final int M_STATES = 64;
    static final int D_STATES = 256;

    static final int LITERAL_SYMBOLS = 256;
    static final int L_SYMBOLS = 20;
    static final int M_SYMBOLS = 20;
    static final int D_SYMBOLS = 64;

    /** Extra bits after each L, M and D symbol; the symbols' base values follow from them. */
    static final int[] L_EXTRA_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 5, 8};

    static final int[] M_EXTRA_BITS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 8, 11};
    static final int[] D_EXTRA_BITS = dExtraBits();
    static final int[] L_BASE = bases(L_EXTRA_BITS);
    static final int[] M_BASE = bases(M_EXTRA_BITS);
    static final int[] D_BASE = bases(D_EXTRA_BITS);

    /** Per state: {@code delta << 16 | symbol << 8 | bits}. */
    final int[] literal = new int[LITERAL_STATES];

    /** Per state: {@code base << 32 | delta << 16 | extraBits << 8 | stateAndExtraBits}. */
    final long[] l = new long[L_STATES];

    final long[] m = new long[M_STATES];
    final long[] d = new long[D_STATES];

    /** Builds all four tables from the frequencies in {@code header}; fails if one sums past its state count. */
    void build(FseHeader header, Lzfse.Block block, String kind) throws LzfseException {
        values(l, header.frequencies, 0, L_SYMBOLS, L_EXTRA_BITS, L_BASE, "L", block, kind);
        values(m, header.frequencies, L_SYMBOLS, M_SYMBOLS, M_EXTRA_BITS, M_BASE, "M", block, kind);
        values(d, header.frequencies, L_SYMBOLS + M_SYMBOLS, D_SYMBOLS, D_EXTRA_BITS, D_BASE, "D", block, kind);
        int first = L_SYMBOLS + M_SYMBOLS + D_SYMBOLS;
        checkSum(header.frequencies, first, LITERAL_SYMBOLS, LITERAL_STATES, "literal", block, kind);
        int state = 0;
        for (int symbol = 0; symbol < LITERAL_SYMBOLS; symbol++) {
            int f = header.frequencies[first + symbol];
            if (f == 0) {
                continue;
            }
            int k = Integer.numberOfLeadingZeros(f) - Integer.numberOfLeadingZeros(LITERAL_STATES);
            int j0 = ((2 * LITERAL_STATES) >>> k) - f;
            for (int j = 0; j < f; j++) {
                int delta = j < j0 ? ((f + j) << k) - LITERAL_STATES : (j - j0) << (k - 1);
                int bits = j < j0 ? k : k - 1;
                literal[state++] = delta << 16 | symbol << 8 | bits;
            }
        }
        Arrays.fill(literal, state, LITERAL_STATES, 0);
    }

    private static void values(
            long[] table,
            int[] frequencies,
            int first,
            int symbols,
            int[] extraBits,
            int[] base,
            String name,
            Lzfse.Block block,
            String kind)
            throws LzfseException {
        int states = table.length;
        checkSum(frequencies, first, symbols, states, name, block, kind);
        int state = 0;
        for (int symbol = 0; symbol < symbols; symbol++) {
            int f = frequencies[first + symbol];
            if (f == 0) {
                continue;
            }
            int k = Integer.numberOfLeadingZeros(f) - Integer.numberOfLeadingZeros(states);
            int j0 = ((2 * states) >>> k) - f;
            long fixed = (long) base[symbol] << 32 | extraBits[symbol] << 8;
            for (int j = 0; j < f; j++) {
                int delta = j < j0 ? ((f + j) << k) - states : (j - j0) << (k - 1);
                int bits = (j < j0 ? k : k - 1) + extraBits[symbol];
                table[state++] = fixed | delta << 16 | bits;
            }
        }
        Arrays.fill(table, state, states, 0L);
    }

    private static void checkSum(
            int[] frequencies, int first, int symbols, int states, String name, Lzfse.Block block, String kind)
            throws LzfseException {
        int sum = 0;
        for (int i = first; i < first + symbols; i++) {
            sum += frequencies[i];
        }
        if (sum > states) {
            throw block.fail(
                    kind, name + " frequencies sum to " + sum + ", more than the table's " + states + " states");
        }
    }

    private static int[] dExtraBits() {
        int[] bits = new int[D_SYMBOLS];
        for (int symbol = 0; symbol < D_SYMBOLS; symbol++) {
            bits[symbol] = symbol / 4; // four symbols per bit count: 0,0,0,0,1,1,1,1,...,15,15,15,15
        }
        return bits;
    }

    private static int[] bases(int[] extraBits) {
        int[] base = new int[extraBits.length];
        for (int symbol = 1; symbol < base.length; symbol++) {
            base[symbol] = base[symbol - 1] + (1 << extraBits[symbol - 1]);
        }
        return base;
    }
}

package dev.exhibit.image.lzfse;

/**
 * One finite-state-entropy chain for {@link FseWriter}: normalized frequencies for a symbol sequence, and, walking it
 * backwards, the state each symbol is decoded from and the bits that lead from it to the next state.
 */
final class FseChain {
    final int[] freq;
    final int[] bits;
    final int[] bitCount;
    private final int states;
    private final int[] symbols;
    private final int[] firstState;
    private final int[][] stateFor;

    FseChain(int states, int symbolCount, int[] symbols) {
        this.states = states;
        this.symbols = symbols;
        this.freq = normalize(states, symbolCount, symbols);
        this.bits = new int[symbols.length];
        this.bitCount = new int[symbols.length];
        this.firstState = new int[symbolCount];
        this.stateFor = new int[symbolCount][];
        int next = 0;
        for (int s = 0; s < symbolCount; s++) {
            firstState[s] = next;
            next += freq[s];
        }
    }

    /**
     * Encodes the symbols at {@code lane, lane+stride, ...} as one chain; returns the state the decoder starts from
     * (first element).
     */
    int[] encodeLane(int lane, int stride) {
        int next = 0; // the state after the last symbol is never used: any will do
        int last = lane + ((symbols.length - 1 - lane) / stride) * stride;
        for (int i = last; i >= lane && symbols.length > lane; i -= stride) {
            int s = symbols[i];
            int j = owner(s)[next];
            int f = freq[s];
            int k = Integer.numberOfLeadingZeros(f) - Integer.numberOfLeadingZeros(states);
            int j0 = ((2 * states) >>> k) - f;
            int delta = j < j0 ? ((f + j) << k) - states : (j - j0) << (k - 1);
            bits[i] = next - delta;
            bitCount[i] = j < j0 ? k : k - 1;
            next = firstState[s] + j;
        }
        return new int[] {next};
    }

    /** For each possible next state, which of symbol s's states leads there. */
    private int[] owner(int s) {
        if (stateFor[s] == null) {
            int f = freq[s];
            int k = Integer.numberOfLeadingZeros(f) - Integer.numberOfLeadingZeros(states);
            int j0 = ((2 * states) >>> k) - f;
            int[] owner = new int[states];
            for (int j = 0; j < f; j++) {
                int delta = j < j0 ? ((f + j) << k) - states : (j - j0) << (k - 1);
                int width = 1 << (j < j0 ? k : k - 1);
                for (int t = delta; t < delta + width; t++) {
                    owner[t] = j;
                }
            }
            stateFor[s] = owner;
        }
        return stateFor[s];
    }

    private static int[] normalize(int states, int symbolCount, int[] symbols) {
        long[] count = new long[symbolCount];
        for (int s : symbols) {
            count[s]++;
        }
        int[] f = new int[symbolCount];
        if (symbols.length == 0) {
            return f;
        }
        int sum = 0;
        int biggest = 0;
        for (int s = 0; s < symbolCount; s++) {
            if (count[s] > 0) {
                f[s] = (int) Math.max(1, count[s] * states / symbols.length);
                sum += f[s];
            }
            if (count[s] > count[biggest]) {
                biggest = s;
            }
        }
        f[biggest] += states - sum;
        while (f[biggest] < 1) {
            // Too many rare symbols rounded up to 1: take from the largest others until the biggest has one again.
            int donor = -1;
            for (int s = 0; s < symbolCount; s++) {
                if (s != biggest && f[s] > 1 && (donor < 0 || f[s] > f[donor])) {
                    donor = s;
                }
            }
            f[donor]--;
            f[biggest]++;
        }
        return f;
    }
}

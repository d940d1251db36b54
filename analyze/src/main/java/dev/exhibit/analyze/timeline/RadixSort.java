package dev.exhibit.analyze.timeline;

/**
 * A stable sort of event indices by time (signed seconds, then nanoseconds): LSD radix sort in 16-bit digits over
 * primitive arrays. Sorting row objects with a comparator is ten times slower (analysis-features.md §3.5), and a
 * stable sort keeps events of the same instant in the order they came, which makes the timeline deterministic.
 * Digits that every key shares (the high bits of the seconds, usually) cost one counting pass and no move.
 */
final class RadixSort {
    private static final int DIGIT_BITS = 16;
    private static final int BUCKETS = 1 << DIGIT_BITS;
    private static final int MASK = BUCKETS - 1;
    /** Two digits of nanoseconds (below 2^30), four of seconds. */
    private static final int PASSES = 6;

    private final int[] count = new int[BUCKETS + 1];
    private int[] order;
    private int[] spare;

    RadixSort(int capacity) {
        order = new int[capacity];
        spare = new int[capacity];
    }

    /**
     * The indices {@code 0..n-1} ordered by ({@code seconds[i]}, {@code nanos[i]}), equal keys in index order. The
     * array returned is reused by the next call.
     */
    int[] sort(long[] seconds, int[] nanos, int n) {
        int[] from = order;
        int[] to = spare;
        for (int i = 0; i < n; i++) {
            from[i] = i;
        }
        for (int pass = 0; pass < PASSES; pass++) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[digit(seconds, nanos, from[i], pass) + 1]++;
            }
            if (single(n)) {
                continue;
            }
            for (int d = 0; d < BUCKETS; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int index = from[i];
                to[count[digit(seconds, nanos, index, pass)]++] = index;
            }
            int[] t = from;
            from = to;
            to = t;
        }
        order = from;
        spare = to;
        return from;
    }

    /** Whether every key had the same digit in the pass just counted. */
    private boolean single(int n) {
        for (int d = 1; d <= BUCKETS; d++) {
            if (count[d] != 0) {
                return count[d] == n;
            }
        }
        return true;
    }

    private static int digit(long[] seconds, int[] nanos, int i, int pass) {
        if (pass < 2) {
            return (nanos[i] >>> (pass * DIGIT_BITS)) & MASK;
        }
        // flipping the sign bit orders signed seconds as unsigned digits
        return (int) (((seconds[i] ^ Long.MIN_VALUE) >>> ((pass - 2) * DIGIT_BITS)) & MASK);
    }
}

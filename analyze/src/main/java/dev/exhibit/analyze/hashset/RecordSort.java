package dev.exhibit.analyze.hashset;

import java.util.Arrays;

/**
 * Sorts fixed-width byte records in place, as unsigned bytes, by MSD radix sort (American flag sort): linear in the
 * bytes sorted and allocation-free but for one count table per level, where sorting record objects with a comparator
 * costs ten times as much (analysis-features.md, section 7).
 */
final class RecordSort {
    /** Below this many records, insertion sort beats another radix pass. */
    private static final int INSERTION_MAX = 24;

    private RecordSort() {}

    /** Sorts the first {@code count} records of {@code widthBytes} bytes in {@code data}. */
    static void sort(byte[] data, int count, int widthBytes) {
        if ((long) count * widthBytes > data.length) {
            throw new IllegalArgumentException(
                    count + " records of " + widthBytes + " bytes do not fit in " + data.length + " bytes");
        }
        sort(data, 0, count, widthBytes, 0, new byte[widthBytes]);
    }

    private static void sort(byte[] a, int lo, int hi, int w, int depth, byte[] swap) {
        if (hi - lo <= INSERTION_MAX) {
            insertion(a, lo, hi, w, depth, swap);
            return;
        }
        int[] count = new int[256];
        for (int i = lo; i < hi; i++) {
            count[a[i * w + depth] & 0xFF]++;
        }
        int[] head = new int[256];
        int[] tail = new int[256];
        int at = lo;
        for (int b = 0; b < 256; b++) {
            head[b] = at;
            at += count[b];
            tail[b] = at;
        }
        for (int b = 0; b < 256; b++) {
            while (head[b] < tail[b]) {
                int v = a[head[b] * w + depth] & 0xFF;
                if (v == b) {
                    head[b]++;
                } else {
                    swap(a, head[b], head[v]++, w, swap);
                }
            }
        }
        if (depth + 1 == w) {
            return;
        }
        int start = lo;
        for (int b = 0; b < 256; b++) {
            if (tail[b] - start > 1) {
                sort(a, start, tail[b], w, depth + 1, swap);
            }
            start = tail[b];
        }
    }

    private static void insertion(byte[] a, int lo, int hi, int w, int depth, byte[] swap) {
        for (int i = lo + 1; i < hi; i++) {
            for (int j = i; j > lo && compare(a, j - 1, j, w, depth) > 0; j--) {
                swap(a, j - 1, j, w, swap);
            }
        }
    }

    private static int compare(byte[] a, int x, int y, int w, int depth) {
        return Arrays.compareUnsigned(a, x * w + depth, x * w + w, a, y * w + depth, y * w + w);
    }

    private static void swap(byte[] a, int x, int y, int w, byte[] swap) {
        System.arraycopy(a, x * w, swap, 0, w);
        System.arraycopy(a, y * w, a, x * w, w);
        System.arraycopy(swap, 0, a, y * w, w);
    }
}

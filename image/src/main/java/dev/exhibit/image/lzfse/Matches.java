package dev.exhibit.image.lzfse;

import java.util.Arrays;

/** Copies an LZ77 match; the caller has checked that {@code distance} and {@code length} stay inside the output. */
final class Matches {
    private Matches() {}

    static void copy(byte[] dst, int at, int distance, int length) {
        int from = at - distance;
        if (distance >= length) {
            System.arraycopy(dst, from, dst, at, length);
        } else if (distance == 1) {
            Arrays.fill(dst, at, at + length, dst[from]);
        } else {
            // An overlapping match repeats the last `distance` bytes; copying in runs of `distance` keeps that meaning.
            int done = 0;
            while (done < length) {
                int run = Math.min(distance, length - done);
                System.arraycopy(dst, from + done, dst, at + done, run);
                done += run;
            }
        }
    }
}

package dev.exhibit.image.lzfse;

import java.util.Arrays;

/** Copies LZ77 matches within the output, after checking that they stay inside it. */
final class Matches {
    private Matches() {}

    /**
     * Copies {@code length} bytes from {@code distance} back to {@code at}; the caller has checked that they fit
     * before the block's end. {@code what} and {@code index} name the opcode or match in the error (the text is built
     * only then: matches are too many to build it for each).
     */
    static void copy(
            Lzfse.Output output,
            int at,
            int distance,
            int length,
            Lzfse.Block block,
            String kind,
            String what,
            int index)
            throws LzfseException {
        if (distance <= 0 || distance > at - output.start) {
            throw block.fail(
                    kind,
                    what + " " + index + ": match at distance " + distance + " reaches before the start of the output ("
                            + (at - output.start) + " bytes decoded)");
        }
        byte[] dst = output.dst;
        int from = at - distance;
        if (distance >= length) {
            System.arraycopy(dst, from, dst, at, length);
        } else if (distance == 1) {
            Arrays.fill(dst, at, at + length, dst[from]);
        } else {
            // An overlapping match repeats the last `distance` bytes: copy runs that were already written, each
            // twice as long as the one before.
            int done = 0;
            int run = distance;
            while (done < length) {
                int n = Math.min(run, length - done);
                System.arraycopy(dst, from, dst, at + done, n);
                done += n;
                run = done + distance;
            }
        }
    }
}

package dev.exhibit.cli;

import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongFunction;

/**
 * Lines of digests waiting for their lookups. They are decoded first and looked up together, so that the memory
 * reads of one lookup overlap those of the next instead of waiting behind the parsing of each line: three times the
 * lookups per second of looking up line by line (docs/speed.md).
 */
final class LookupBatch {
    static final int SIZE = 256;

    private final HashSets sets;
    private final byte[][] md5 = new byte[SIZE][16];
    private final byte[][] sha1 = new byte[SIZE][20];
    private final byte[][] sha256 = new byte[SIZE][32];
    private final byte[][] digest = new byte[SIZE][];
    private final HashAlgorithm[] algorithm = new HashAlgorithm[SIZE];
    private final int[] start = new int[SIZE];
    private final int[] end = new int[SIZE];
    private final long[] mask = new long[SIZE];
    private byte[] lines;
    private int count;

    LookupBatch(HashSets sets) {
        this.sets = sets;
    }

    /**
     * Takes the digest at {@code b[from, to)}, lower-casing it in place; false, taking nothing, when it is not 32, 40
     * or 64 hex digits. Every line added must be in the same {@code b} until {@link #flush}.
     */
    boolean add(byte[] b, int from, int to) {
        int width = (to - from) / 2;
        byte[] d = switch (to - from) {
            case 32 -> md5[count];
            case 40 -> sha1[count];
            case 64 -> sha256[count];
            default -> null;
        };
        if (d == null) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            int hi = hexValue(b[from + 2 * i]);
            int lo = hexValue(b[from + 2 * i + 1]);
            if ((hi | lo) < 0) {
                return false;
            }
            d[i] = (byte) (hi << 4 | lo);
        }
        for (int i = from; i < to; i++) {
            b[i] |= (byte) (b[i] >= 'A' ? 0x20 : 0);
        }
        lines = b;
        digest[count] = d;
        algorithm[count] = width == 16 ? HashAlgorithm.MD5 : width == 20 ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256;
        start[count] = from;
        end[count] = to;
        count++;
        return true;
    }

    boolean full() {
        return count == SIZE;
    }

    /** Looks every waiting digest up and writes its line: the digest, then what {@code answers} gives its sets. */
    void flush(OutputStream out, LongFunction<byte[]> answers) throws IOException {
        for (int i = 0; i < count; i++) {
            mask[i] = sets.lookup(algorithm[i], digest[i]);
        }
        for (int i = 0; i < count; i++) {
            out.write(lines, start[i], end[i] - start[i]);
            out.write(answers.apply(mask[i]));
        }
        count = 0;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}

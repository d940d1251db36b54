package dev.exhibit.image.lzfse;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A small LZFSE encoder for tests (the product only decodes): it cuts the input into blocks of one kind and finds
 * matches greedily with a one-entry hash table, reaching back into earlier blocks. Its streams are checked by 7-Zip
 * ({@link LzfseRoundTripTest}), so the decoder meets every block kind and opcode on data of any size, not only on
 * what hdiutil happened to write.
 */
final class LzfseWriter {
    /** The block kind to write. */
    enum Kind {
        UNCOMPRESSED,
        LZVN,
        FSE_V1,
        FSE_V2
    }

    /** L literals from {@code literalStart}, then M bytes at distance D (D unused when M is 0). */
    record Sequence(int literalStart, int literals, int match, int distance) {}

    private static final int MIN_MATCH = 4;
    private static final int HASH_BITS = 16;

    private LzfseWriter() {}

    /** Encodes {@code data} as blocks of {@code kind} covering at most {@code blockBytes} input bytes each. */
    static byte[] encode(byte[] data, Kind kind, int blockBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int maxDistance = kind == Kind.LZVN ? 0xffff : FseWriter.MAX_DISTANCE;
        int[] lastAt = new int[1 << HASH_BITS];
        java.util.Arrays.fill(lastAt, -1);
        for (int start = 0; start < data.length; start += blockBytes) {
            int end = Math.min(data.length, start + blockBytes);
            switch (kind) {
                case UNCOMPRESSED -> {
                    le32(out, Lzfse.UNCOMPRESSED);
                    le32(out, end - start);
                    out.write(data, start, end - start);
                }
                case LZVN -> LzvnWriter.block(out, data, start, end, sequences(data, start, end, maxDistance, lastAt));
                default ->
                    FseWriter.block(
                            out,
                            data,
                            start,
                            end,
                            sequences(data, start, end, maxDistance, lastAt),
                            kind == Kind.FSE_V2);
            }
        }
        le32(out, Lzfse.END_OF_STREAM);
        return out.toByteArray();
    }

    /** Greedy matches for {@code data[start, end)}; the last sequence carries the trailing literals. */
    static List<Sequence> sequences(byte[] data, int start, int end, int maxDistance, int[] lastAt) {
        List<Sequence> found = new ArrayList<>();
        int literalStart = start;
        int at = start;
        while (at + MIN_MATCH <= end) {
            int h = hash(data, at);
            int candidate = lastAt[h];
            lastAt[h] = at;
            if (candidate >= 0 && at - candidate <= maxDistance && same4(data, candidate, at)) {
                int length = MIN_MATCH;
                while (at + length < end && data[candidate + length] == data[at + length]) {
                    length++;
                }
                found.add(new Sequence(literalStart, at - literalStart, length, at - candidate));
                for (int i = at + 1; i < at + length && i + MIN_MATCH <= data.length; i++) {
                    lastAt[hash(data, i)] = i;
                }
                at += length;
                literalStart = at;
            } else {
                at++;
            }
        }
        found.add(new Sequence(literalStart, end - literalStart, 0, 0));
        return found;
    }

    static void le32(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    private static int hash(byte[] data, int at) {
        int v = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | data[at + 3] << 24;
        return (v * 0x9e3779b1) >>> (32 - HASH_BITS);
    }

    private static boolean same4(byte[] data, int a, int b) {
        return data[a] == data[b]
                && data[a + 1] == data[b + 1]
                && data[a + 2] == data[b + 2]
                && data[a + 3] == data[b + 3];
    }
}

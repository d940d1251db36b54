package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One algorithm's digests of a hash set: a file of sorted, distinct, fixed-width binary digests with a prefix table,
 * memory-mapped, so a lookup reads a few pages of the page cache and nothing of the set enters the heap. The layout
 * (docs/hashsets.md): a 64-byte header, the keys, then the prefix table of 2^bits + 1 little-endian u64 key indices
 * (entry p is the first key whose top {@code bits} bits are at least p). It plays the part of hfind's {@code .idx}
 * and {@code .idx2}, in binary. Thread-safe: every read is of an immutable mapping.
 */
final class KeyFile implements AutoCloseable {
    static final int HEADER_BYTES = 64;
    static final byte[] MAGIC = "EXHKEYS1".getBytes(StandardCharsets.US_ASCII);
    /** The finest prefix table (8 MiB); a bucket of a 20-million-key set then holds about 19 keys. */
    static final int MAX_PREFIX_BITS = 20;
    /** How many buckets {@link #open} checks key by key, besides the whole table. */
    private static final int SAMPLED_BUCKETS = 4096;
    /** How many keys a lookup steps through from its guess before it binary-searches the rest of the bucket. */
    private static final int WALK = 4;

    private static final ValueLayout.OfLong LE_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final VarHandle ARRAY_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle ARRAY_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment keys;
    private final HashAlgorithm algorithm;
    private final int width;
    private final int bits;
    private final long count;
    private final long tableOffset;

    private KeyFile(Path file, Arena arena, MemorySegment keys, HashAlgorithm algorithm, int bits, long count) {
        this.file = file;
        this.arena = arena;
        this.keys = keys;
        this.algorithm = algorithm;
        this.width = Digests.widthBytes(algorithm);
        this.bits = bits;
        this.count = count;
        this.tableOffset = HEADER_BYTES + count * width;
    }

    /** Maps {@code file}, checking its header, size, whole prefix table and a sample of buckets. */
    static KeyFile open(Path file, HashAlgorithm expected) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES) {
                throw damaged(file, "it is " + size + " bytes, shorter than its " + HEADER_BYTES + "-byte header");
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            KeyFile k = fromHeader(file, arena, seg, expected, size);
            k.checkTable();
            return k;
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static KeyFile fromHeader(Path file, Arena arena, MemorySegment seg, HashAlgorithm expected, long size) {
        if (MemorySegment.ofArray(MAGIC).mismatch(seg.asSlice(0, MAGIC.length)) != -1) {
            throw damaged(file, "it does not start with " + new String(MAGIC, StandardCharsets.US_ASCII));
        }
        String id = new String(seg.asSlice(8, 8).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII)
                .replace("\0", "");
        if (!id.equals(expected.id())) {
            throw damaged(file, "its header names algorithm '" + Badges.visible(id) + "', not " + expected.id());
        }
        int width = seg.get(LE_INT, 16);
        int bits = seg.get(LE_INT, 20);
        long count = seg.get(LE_LONG, 24);
        if (width != Digests.widthBytes(expected)) {
            throw damaged(file, "its header gives " + width + "-byte keys, not " + Digests.widthBytes(expected));
        }
        if (bits < 0 || bits > MAX_PREFIX_BITS) {
            throw damaged(file, "its prefix table of " + bits + " bits is outside 0.." + MAX_PREFIX_BITS);
        }
        long expectedSize = count < 0 || count > (Long.MAX_VALUE - HEADER_BYTES) / width / 2
                ? -1
                : HEADER_BYTES + count * width + ((1L << bits) + 1) * Long.BYTES;
        if (expectedSize != size) {
            throw damaged(
                    file,
                    "its header gives " + count + " keys of " + width + " bytes and a " + bits + "-bit table, "
                            + expectedSize + " bytes in all, but the file is " + size + " bytes");
        }
        return new KeyFile(file, arena, seg, expected, bits, count);
    }

    /** The table must rise from 0 to the key count; sampled buckets must hold only keys of their prefix, in order. */
    private void checkTable() {
        long buckets = 1L << bits;
        long previous = 0;
        if (tableEntry(0) != 0 || tableEntry(buckets) != count) {
            throw damaged(file, "its prefix table does not run from key 0 to key " + count);
        }
        for (long p = 1; p <= buckets; p++) {
            long at = tableEntry(p);
            if (at < previous) {
                throw damaged(file, "its prefix table falls from " + previous + " to " + at + " at entry " + p);
            }
            previous = at;
        }
        long step = Math.max(1, buckets / SAMPLED_BUCKETS);
        for (long p = 0; p < buckets; p += step) {
            long first = tableEntry(p);
            long last = tableEntry(p + 1) - 1;
            if (first <= last
                    && (prefixOf(first) != p
                            || prefixOf(last) != p
                            || (first < last && compareKeys(first, last) >= 0))) {
                throw damaged(file, "keys " + first + " to " + last + " are not sorted under prefix " + p);
            }
        }
    }

    HashAlgorithm algorithm() {
        return algorithm;
    }

    long count() {
        return count;
    }

    /** The key at {@code index}, into {@code out} (for merging an existing set with new lists). */
    void key(long index, byte[] out) {
        MemorySegment.copy(keys, ValueLayout.JAVA_BYTE, HEADER_BYTES + index * width, out, 0, width);
    }

    /** Whether the set holds {@code digest}, which must be this algorithm's width. Allocation-free. */
    boolean contains(byte[] digest) {
        if (digest.length != width) {
            throw new IllegalArgumentException(
                    "a " + algorithm.id() + " digest is " + width + " bytes, not " + digest.length);
        }
        int p = bits == 0
                ? 0
                : ((digest[0] & 0xFF) << 16 | (digest[1] & 0xFF) << 8 | (digest[2] & 0xFF)) >>> (24 - bits);
        long lo = tableEntry(p);
        long hi = tableEntry(p + 1L) - 1;
        if (lo > hi) {
            return false;
        }
        // Digests are uniform, so the 32 bits after the prefix say where in its bucket a digest would be: one probe,
        // a short walk, and a binary search only for what the walk left (a set made of like prefixes).
        long fraction = ((long) ARRAY_LONG.get(digest, 0) << bits) >>> 32;
        long guess = lo + Math.unsignedMultiplyHigh(fraction << 32, hi - lo + 1);
        int c = compare(guess, digest);
        if (c == 0) {
            return true;
        }
        if (c < 0) {
            for (lo = guess + 1; lo <= hi && lo <= guess + WALK; lo++) {
                c = compare(lo, digest);
                if (c >= 0) {
                    return c == 0;
                }
            }
        } else {
            for (hi = guess - 1; hi >= lo && hi >= guess - WALK; hi--) {
                c = compare(hi, digest);
                if (c <= 0) {
                    return c == 0;
                }
            }
        }
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            c = compare(mid, digest);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private long tableEntry(long p) {
        return keys.get(LE_LONG, tableOffset + p * Long.BYTES);
    }

    private long prefixOf(long index) {
        if (bits == 0) {
            return 0;
        }
        long at = HEADER_BYTES + index * width;
        int top = (keys.get(ValueLayout.JAVA_BYTE, at) & 0xFF) << 16
                | (keys.get(ValueLayout.JAVA_BYTE, at + 1) & 0xFF) << 8
                | (keys.get(ValueLayout.JAVA_BYTE, at + 2) & 0xFF);
        return top >>> (24 - bits);
    }

    private int compare(long index, byte[] digest) {
        long at = HEADER_BYTES + index * width;
        int i = 0;
        for (; i + Long.BYTES <= width; i += Long.BYTES) {
            long k = keys.get(BE_LONG, at + i);
            long q = (long) ARRAY_LONG.get(digest, i);
            if (k != q) {
                return Long.compareUnsigned(k, q);
            }
        }
        if (i < width) {
            return Integer.compareUnsigned(keys.get(BE_INT, at + i), (int) ARRAY_INT.get(digest, i));
        }
        return 0;
    }

    private int compareKeys(long x, long y) {
        long a = HEADER_BYTES + x * width;
        long b = HEADER_BYTES + y * width;
        long m = MemorySegment.mismatch(keys, a, a + width, keys, b, b + width);
        return m < 0
                ? 0
                : Integer.compare(
                        keys.get(ValueLayout.JAVA_BYTE, a + m) & 0xFF, keys.get(ValueLayout.JAVA_BYTE, b + m) & 0xFF);
    }

    static ExhibitException damaged(Path file, String why) {
        return new ExhibitException(
                ExhibitException.Kind.ENVIRONMENT,
                "hash-set index " + file + " is damaged: " + why + "; import the set again from its sources");
    }

    @Override
    public void close() {
        arena.close();
    }
}

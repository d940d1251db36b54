package dev.exhibit.image.ewf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * Encodes chunks as they are stored: one per thread (it owns a libdeflate compressor, {@link Libdeflate}).
 * Deterministic: the same media bytes and compression give the same stored bytes (libdeflate at a fixed level and
 * version is). A chunk is kept compressed only when the zlib
 * stream is smaller than 0.999 times the raw chunk (EnCase fails on chunks that do not shrink, X-Ways warns about
 * tiny gains); otherwise it is stored raw with its little-endian Adler-32. All-zero chunks share one cached
 * compressed chunk, except at {@link EwfCompression#NONE}.
 */
public final class ChunkEncoder implements AutoCloseable {
    /** Kept compressed only when {@code compressed * 1000 < raw * 999}, as Guymager's EwfCompressionThreshold. */
    static final int THRESHOLD_PER_MILLE = 999;
    /**
     * Chunks whose byte counts give a chi-square at most this are stored raw without trying deflate: six standard
     * deviations above random data's mean of 255. Measured on Debian's compressed files (gz, xz in .deb, jar, png):
     * no chunk this even shrank by more than 0.3 %.
     */
    static final int RANDOM_CHI_SQUARE = 400;
    /** Below this many bytes the test says too little; such chunks are always deflated. */
    static final int MIN_RANDOM_TEST_BYTES = 4096;

    private final EwfCompression compression;
    private final int chunkBytes;
    private final Libdeflate deflater;
    private final byte[] scratch;
    private final MemorySegment zeros;
    private final Adler32 adler = new Adler32();
    private final long[] counts = new long[256];
    private EncodedChunk zeroChunk;

    public ChunkEncoder(EwfCompression compression, int chunkBytes) {
        if (compression == null) {
            throw new IllegalArgumentException("compression must be given");
        }
        if (chunkBytes <= 0 || chunkBytes > EwfLayout.MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException(
                    "chunk size " + chunkBytes + " bytes outside 1.." + EwfLayout.MAX_CHUNK_BYTES);
        }
        this.compression = compression;
        this.chunkBytes = chunkBytes;
        this.deflater = compression == EwfCompression.NONE
                ? null
                : new Libdeflate(compression.zlibLevel(), chunkBytes, maxCompressedBytes(chunkBytes));
        this.scratch = compression == EwfCompression.NONE ? null : new byte[maxCompressedBytes(chunkBytes) + 1];
        this.zeros = MemorySegment.ofArray(new byte[chunkBytes]);
    }

    /**
     * Encodes one chunk; {@code media.byteSize()} is the chunk size, or less for the last chunk of the media. The
     * result's stored bytes may be shared with other results (the zero chunk): never modify them.
     */
    public EncodedChunk encode(MemorySegment media) {
        long size = media.byteSize();
        if (size <= 0 || size > chunkBytes) {
            throw new IllegalArgumentException("chunk of " + size + " bytes; expected 1.." + chunkBytes);
        }
        int len = (int) size;
        if (deflater != null && MemorySegment.mismatch(media, 0, len, zeros, 0, len) == -1) {
            if (len == chunkBytes) {
                if (zeroChunk == null) {
                    zeroChunk = deflateOrRaw(zeros);
                }
                return zeroChunk;
            }
            return deflateOrRaw(media);
        }
        if (!compression.compressesData() || looksRandom(media, len)) {
            return raw(media, len);
        }
        return deflateOrRaw(media);
    }

    /**
     * Whether the chunk's bytes are as evenly spread as random bytes (chi-square against the uniform distribution at
     * most {@link #RANDOM_CHI_SQUARE}; random data gives 255 on average). Deflate cannot make such a chunk 0.1 %
     * smaller by coding bytes (its Huffman gain is bounded by the byte entropy, and zlib's block headers cost more),
     * only by repeated strings, which compressed, encrypted and random data do not have: deflating it would cost the
     * most CPU of any chunk for nothing. Integer arithmetic, so the decision is the same everywhere.
     */
    boolean looksRandom(MemorySegment media, int len) {
        if (len < MIN_RANDOM_TEST_BYTES) {
            return false;
        }
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < len; i++) {
            counts[media.get(ValueLayout.JAVA_BYTE, i) & 0xFF]++;
        }
        long sumSquares = 0;
        for (long c : counts) {
            sumSquares += c * c;
        }
        // chi2 = (256 * sum(c^2) - n^2) / n
        return 256 * sumSquares - (long) len * len <= RANDOM_CHI_SQUARE * (long) len;
    }

    /** The largest zlib stream kept for a chunk of {@code rawBytes}: strictly below 0.999 of it. */
    static int maxCompressedBytes(int rawBytes) {
        return (int) (((long) rawBytes * THRESHOLD_PER_MILLE - 1) / 1000);
    }

    private EncodedChunk deflateOrRaw(MemorySegment media) {
        int len = (int) media.byteSize();
        int cap = maxCompressedBytes(len);
        // libdeflate gives up as soon as the stream would pass the threshold: incompressible chunks cost no more
        int produced = deflater.compress(media, scratch, cap);
        if (produced > 0) {
            return new EncodedChunk(Arrays.copyOf(scratch, produced), true, len);
        }
        return raw(media, len);
    }

    private EncodedChunk raw(MemorySegment media, int len) {
        byte[] stored = new byte[len + 4];
        MemorySegment.copy(media, ValueLayout.JAVA_BYTE, 0, stored, 0, len);
        adler.reset();
        adler.update(stored, 0, len);
        Bytes.putI32(stored, len, (int) adler.getValue());
        return new EncodedChunk(stored, false, len);
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.close();
        }
    }
}

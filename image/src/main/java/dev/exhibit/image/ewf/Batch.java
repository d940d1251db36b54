package dev.exhibit.image.ewf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run of consecutive chunks of one segment on its way through a verification: their stored bytes (read in one go),
 * then their decoded media bytes and what was wrong with each. Batches are pooled: memory stays at the pool's size.
 */
final class Batch {
    /** Media bytes per batch (at least one chunk). */
    static final int MEDIA_BYTES = 1 << 20;

    final byte[] stored;
    final byte[] media;
    final int maxChunks;
    final long[] fileOffset;
    final int[] storedOff;
    final int[] storedLen;
    final boolean[] compressed;
    final String[] problem;
    final int[] trailing;
    final Semaphore decoded = new Semaphore(0);
    final AtomicInteger holders = new AtomicInteger();

    Path file;
    long firstChunk;
    int count;
    int mediaLength;
    /** Chunk bytes of the batch, for locating chunk k in {@link #media}. */
    int chunkBytes;
    /** The end-of-stream marker carries no chunks. */
    final boolean end;

    Batch(int chunkBytes, int maxStoredBytes) {
        this.maxChunks = Math.max(1, MEDIA_BYTES / chunkBytes);
        this.chunkBytes = chunkBytes;
        this.stored = new byte[maxChunks * maxStoredBytes];
        this.media = new byte[maxChunks * chunkBytes];
        this.fileOffset = new long[maxChunks];
        this.storedOff = new int[maxChunks];
        this.storedLen = new int[maxChunks];
        this.compressed = new boolean[maxChunks];
        this.problem = new String[maxChunks];
        this.trailing = new int[maxChunks];
        this.end = false;
    }

    private Batch() {
        this.maxChunks = 0;
        this.stored = new byte[0];
        this.media = new byte[0];
        this.fileOffset = new long[0];
        this.storedOff = new int[0];
        this.storedLen = new int[0];
        this.compressed = new boolean[0];
        this.problem = new String[0];
        this.trailing = new int[0];
        this.end = true;
    }

    static Batch endMarker() {
        return new Batch();
    }

    void reset(Path file, long firstChunk) {
        this.file = file;
        this.firstChunk = firstChunk;
        this.count = 0;
        this.mediaLength = 0;
        Arrays.fill(problem, null);
        Arrays.fill(trailing, 0);
    }

    /** Adds a chunk whose stored bytes are (or, with a problem, would be) at {@code storedOff} in {@link #stored}. */
    void add(long offset, int off, int len, boolean isCompressed, int mediaLen, String wrong) {
        fileOffset[count] = offset;
        storedOff[count] = off;
        storedLen[count] = len;
        compressed[count] = isCompressed;
        problem[count] = wrong;
        count++;
        mediaLength += mediaLen;
    }

    /** Media bytes of chunk k (all but the last of the media are full). */
    int mediaLength(int k) {
        return k < count - 1 ? chunkBytes : mediaLength - (count - 1) * chunkBytes;
    }
}

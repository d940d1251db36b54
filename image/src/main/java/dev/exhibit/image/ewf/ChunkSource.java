package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random access to the decoded chunks of a set: finds a chunk through its group's table (table2 when the table's
 * checksums fail), reads the stored bytes, decodes and checks them, and keeps a few decoded chunks. Errors name the
 * segment file, the chunk, its file offset and its media byte range. Thread-safe (one reader at a time).
 */
final class ChunkSource implements AutoCloseable {
    /** Decoded chunks kept for small sequential reads. */
    static final long CACHE_BYTES = 4L << 20;
    /** Old writers that always compressed could grow a chunk a little; nothing sane grows it more. */
    static int maxStoredBytes(int chunkBytes) {
        return chunkBytes + chunkBytes / 64 + 1024;
    }

    private final List<Path> segments;
    private final List<ChunkGroup> groups;
    private final long mediaBytes;
    private final int chunkBytes;
    private final SegmentChannels channels = new SegmentChannels();
    private final TableReader tables;
    private final ChunkDecoder decoder = new ChunkDecoder();
    private final byte[] stored;
    private final int cacheChunks;
    private final Map<Long, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private ChunkGroup openGroup;
    private int[] openEntries;

    /** The lists are read as they are at each call (the writer appends to them). */
    ChunkSource(List<Path> segments, List<ChunkGroup> groups, long mediaBytes, int chunkBytes) {
        this.segments = segments;
        this.groups = groups;
        this.mediaBytes = mediaBytes;
        this.chunkBytes = chunkBytes;
        this.tables = new TableReader(segments, channels);
        this.stored = new byte[maxStoredBytes(chunkBytes)];
        this.cacheChunks = (int) Math.max(2, CACHE_BYTES / chunkBytes);
    }

    /** A group still being written, whose entries are only in memory. */
    synchronized void setOpenGroup(ChunkGroup group, int[] entries) {
        this.openGroup = group;
        this.openEntries = entries;
    }

    /** Reads media bytes from {@code byteOffset}; fewer only at the end of the media, -1 at or after it. */
    synchronized int read(long byteOffset, ByteBuffer dst) throws IOException {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("negative media offset " + byteOffset);
        }
        if (byteOffset >= mediaBytes) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int total = 0;
        long pos = byteOffset;
        while (dst.hasRemaining() && pos < mediaBytes) {
            long chunk = pos / chunkBytes;
            byte[] data = chunk(chunk);
            int within = (int) (pos - chunk * chunkBytes);
            int n = (int) Math.min(dst.remaining(), Math.min(mediaLength(chunk) - within, mediaBytes - pos));
            dst.put(data, within, n);
            pos += n;
            total += n;
        }
        return total;
    }

    private byte[] chunk(long index) throws IOException {
        byte[] data = cache.get(index);
        if (data != null) {
            return data;
        }
        byte[] buffer = cache.size() >= cacheChunks ? evictEldest() : new byte[chunkBytes];
        decode(index, buffer);
        cache.put(index, buffer);
        return buffer;
    }

    private byte[] evictEldest() {
        var it = cache.entrySet().iterator();
        byte[] reuse = it.next().getValue();
        it.remove();
        return reuse;
    }

    /** Decodes chunk {@code index} into {@code out}; EwfFormatException names where and what is wrong. */
    void decode(long index, byte[] out) throws IOException {
        ChunkGroup g = groupOf(index);
        int[] entries = g == openGroup ? openEntries : tables.entries(g);
        int k = (int) (index - g.firstChunk());
        Path file = segments.get(g.segment());
        long start = g.baseOffset() + TableSection.offsetOf(entries[k]);
        long end = k + 1 < g.entries() ? g.baseOffset() + TableSection.offsetOf(entries[k + 1]) : g.sectorsEnd();
        int mediaLength = mediaLength(index);
        if (start < FileHeader.BYTES || end <= start || end > g.sectorsEnd() || end - start > stored.length) {
            throw chunkError(
                    file,
                    index,
                    start,
                    "stored from byte " + start + " to " + end + ", outside its sectors section (ends at byte "
                            + g.sectorsEnd() + ") or of impossible size");
        }
        int len = (int) (end - start);
        readFully(file, start, len);
        String problem = decoder.decode(stored, 0, len, TableSection.isCompressed(entries[k]), out, 0, mediaLength);
        if (problem != null) {
            throw chunkError(file, index, start, problem);
        }
    }

    private ChunkGroup groupOf(long index) throws EwfFormatException {
        if (openGroup != null && index >= openGroup.firstChunk() && index < openGroup.endChunk()) {
            return openGroup;
        }
        int lo = 0;
        int hi = groups.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ChunkGroup g = groups.get(mid);
            if (index < g.firstChunk()) {
                hi = mid - 1;
            } else if (index >= g.endChunk()) {
                lo = mid + 1;
            } else {
                return g;
            }
        }
        Path last = segments.isEmpty() ? null : segments.getLast();
        throw new EwfFormatException((last == null ? "?" : last.getFileName()) + ": chunk " + index + " (media bytes "
                + index * chunkBytes + "..) is in no table of the set (a missing segment?)");
    }

    int mediaLength(long index) {
        return (int) Math.min(chunkBytes, mediaBytes - index * chunkBytes);
    }

    private void readFully(Path file, long offset, int len) throws IOException {
        channels.readFully(file, SectionDescriptor.SECTORS, offset, stored, 0, len);
    }

    EwfFormatException chunkError(Path file, long index, long fileOffset, String problem) {
        long first = index * chunkBytes;
        return new EwfFormatException(file.getFileName() + ": chunk " + index + " at byte " + fileOffset
                + " (media bytes " + first + ".." + (first + mediaLength(index) - 1) + "): " + problem);
    }

    @Override
    public void close() throws IOException {
        decoder.close();
        channels.close();
    }
}

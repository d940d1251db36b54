package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Reads a non-resident attribute's blocks straight from a raw image, by the run list libtsk parsed, instead of through
 * {@code tsk_fs_file_walk}: that walk reads one block at a time under the image's cache lock and asks the file
 * system's allocation bitmap for each block's flags, so several readers of one volume hardly overlap (docs/analyze.md,
 * "Hashing"). The bytes are those the walk delivers ({@code tsk_fs_attr_walk_nonres} in libtsk 4.11, the same for
 * every file system): runs in list order, whatever their recorded offsets; sparse and filler runs as zeros; bytes
 * past the initialized size (NTFS) as zeros; the stream cut at its size. Chunks carry the walk's block flags ({@link
 * StreamReader#BLOCK_RAW} with the first block, or {@link StreamReader#BLOCK_SPARSE}, the latter also for whole
 * blocks past the initialized size).
 *
 * <p>Only what this reads exactly is taken: NTFS and ext2/3/4 in a single-file raw image (or a device), an attribute
 * that is non-resident, neither compressed nor encrypted, with no skipped bytes, whose runs lie on the volume and in
 * the image. Anything else, and every deleted file (its blocks' flags say whether they were reused), stays with
 * libtsk. Positioned reads of the image's own file are thread-safe; it is opened read-only. One per reader thread.
 */
final class RunReader implements AutoCloseable {
    /** {@code TSK_FS_ATTR_NONRES}, {@code _ENC}, {@code _COMP}. */
    private static final int ATTR_NONRES = 0x02;

    private static final int ATTR_ENC = 0x10;
    private static final int ATTR_COMP = 0x20;
    /** {@code TSK_FS_ATTR_RUN_FLAG_FILLER}, {@code _SPARSE}: read as zeros; any other flag (encrypted) is not read. */
    private static final int RUN_FILLER = 0x01;

    private static final int RUN_SPARSE = 0x02;
    /** Bytes read from the image at once: large enough that a large file costs few system calls. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final FileChannel image;
    private final long fsOffset;
    private final long lastBlock;
    private final long imageBytes;
    private final int blockBytes;
    private final MemorySegment buffer;
    private final ByteBuffer view;
    private final MemorySegment zeros;

    private RunReader(FileChannel image, FileSystem fs, Arena arena) {
        this.image = image;
        this.fsOffset = fs.byteOffset();
        this.lastBlock = Mem.i64(fs.segment().address() + Layouts.FS_LAST_BLOCK);
        this.imageBytes = fs.image().sizeBytes();
        this.blockBytes = fs.blockSizeBytes();
        int chunk = CHUNK_BYTES - CHUNK_BYTES % blockBytes;
        this.buffer = arena.allocate(chunk, 4096);
        this.view = buffer.asByteBuffer();
        this.zeros = arena.allocate(chunk);
    }

    /** A reader for {@code fs}, or {@code null} when its streams stay with libtsk (not NTFS or ext, not a raw file). */
    static RunReader of(FileSystem fs, Arena arena) {
        if (!(fs.type().isNtfs() || fs.type().isExt())
                || !fs.image().format().isRaw()
                || fs.image().files().size() != 1
                || fs.blockSizeBytes() < 512
                || fs.blockSizeBytes() > CHUNK_BYTES) {
            return null;
        }
        try {
            return new RunReader(FileChannel.open(fs.image().files().getFirst(), StandardOpenOption.READ), fs, arena);
        } catch (IOException | UnsupportedOperationException e) {
            // libtsk opened it; whatever keeps this from opening it again, libtsk reads on
            return null;
        }
    }

    /** Whether {@link #read} reads the attribute at {@code attr} exactly, up to {@code sizeBytes}. */
    boolean reads(long attr, long sizeBytes) {
        int flags = Attribute.flags(attr);
        if ((flags & ATTR_NONRES) == 0
                || (flags & (ATTR_ENC | ATTR_COMP)) != 0
                || Mem.i32(attr + Layouts.ATTR_SKIPLEN) != 0
                || Attribute.size(attr) != sizeBytes) {
            return false;
        }
        long off = 0;
        for (long run = Mem.ptr(attr + Layouts.ATTR_RUN); run != 0 && off < sizeBytes; run = next(run)) {
            int runFlags = Mem.i32(run + Layouts.RUN_FLAGS);
            long addr = Mem.i64(run + Layouts.RUN_ADDR);
            long len = Mem.i64(run + Layouts.RUN_LEN);
            if ((runFlags & ~(RUN_FILLER | RUN_SPARSE)) != 0 || len < 0) {
                return false;
            }
            // libtsk stops at a block past the volume's end, in any run; the image may end before the volume does
            if (len > 0
                    && (addr < 0
                            || addr > lastBlock
                            || len > lastBlock - addr + 1
                            || runFlags == 0 && fsOffset + (addr + len) * blockBytes > imageBytes)) {
                return false;
            }
            off = end(off, len, sizeBytes);
        }
        return true;
    }

    /**
     * Delivers the attribute's content to {@code sink}, which {@link #reads} accepted.
     *
     * @return -1 when done (or the sink stopped), else the byte offset in the stream, at a block boundary, where the
     *     image could not be read: the caller reads on from there with libtsk, which reports what it cannot read
     */
    long read(long attr, long sizeBytes, StreamReader.Sink sink) throws IOException {
        long initialized = Mem.i64(attr + Layouts.ATTR_INITSIZE);
        long off = 0;
        for (long run = Mem.ptr(attr + Layouts.ATTR_RUN); run != 0 && off < sizeBytes; run = next(run)) {
            long first = Mem.i64(run + Layouts.RUN_ADDR);
            long start = off;
            long end = end(off, Mem.i64(run + Layouts.RUN_LEN), sizeBytes);
            boolean stored = Mem.i32(run + Layouts.RUN_FLAGS) == 0;
            while (off < end) {
                long n;
                if (!stored || off > initialized) {
                    // as the walk says it: a block starting past the initialized size is sparse, not raw
                    n = Math.min(end - off, zeros.byteSize());
                    if (!sink.content(zeros.asSlice(0, n), off, 0, StreamReader.BLOCK_SPARSE)) {
                        return -1;
                    }
                } else {
                    // the blocks that start at or before the initialized size; what lies past it reads as zeros
                    long raw = (initialized - off) / blockBytes + 1;
                    n = Math.min(raw > (end - off) / blockBytes ? end - off : raw * blockBytes, buffer.byteSize());
                    long block = first + (off - start) / blockBytes;
                    long want = Math.min(n, initialized - off);
                    if (!fill(fsOffset + block * blockBytes, (int) want)) {
                        return off;
                    }
                    buffer.asSlice(want, n - want).fill((byte) 0);
                    int flags = StreamReader.BLOCK_RAW | StreamReader.BLOCK_ALLOC;
                    if (!sink.content(buffer.asSlice(0, n), off, block, flags)) {
                        return -1;
                    }
                }
                off += n;
            }
        }
        return -1;
    }

    /** Reads {@code length} bytes of the image at {@code byteOffset} into the buffer; false when it cannot. */
    private boolean fill(long byteOffset, int length) throws InterruptedIOException {
        view.clear().limit(length);
        try {
            while (view.hasRemaining()) {
                if (image.read(view, byteOffset + view.position()) < 0) {
                    return false;
                }
            }
            return true;
        } catch (ClosedByInterruptException e) {
            InterruptedIOException stop = new InterruptedIOException("interrupted while reading the image");
            stop.initCause(e);
            throw stop;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a run of {@code len} blocks from {@code off} ends in the stream, cut at its size (never overflowing). */
    private long end(long off, long len, long sizeBytes) {
        return len >= (sizeBytes - off + blockBytes - 1) / blockBytes ? sizeBytes : off + len * blockBytes;
    }

    private static long next(long run) {
        return Mem.ptr(run + Layouts.RUN_NEXT);
    }

    @Override
    public void close() throws IOException {
        image.close();
    }
}

package dev.exhibit.analyze.fs;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.analyze.tsk.Upcalls;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * Reads the data streams of one file system by metadata address, the bytes {@code icat ADDRESS} writes (the same
 * {@code tsk_fs_file_open_meta} and {@code tsk_fs_file_walk} or {@code _walk_type}), on a thread other than the one
 * walking the directories. libtsk lets threads share an image and a file system since 4.0 ("Added multithreaded
 * support", its NEWS): its caches take locks (the image's block cache, ext4's group descriptors, the FAT cache, the
 * list behind the orphan search), and each thread opens its own {@code TSK_FS_FILE}. The directory walk calls back
 * with no lock held, so it may wait for readers. One reader per thread; it owns its callback stub.
 *
 * <p>Where the walk stops at a block libtsk cannot read, the reader goes on from there with {@code
 * tsk_fs_file_read_type}, one file-system block at a time: every readable byte is delivered, and each unreadable run
 * is reported with its byte offset in the stream.
 *
 * <p>On NTFS and ext2/3/4 in a raw image, a non-resident stream of a file that is not deleted is read by its run list
 * straight from the image ({@link RunReader}), the same bytes without libtsk's per-block lock and bitmap look-up;
 * libtsk reads on from wherever the image cannot be read.
 */
public final class StreamReader implements AutoCloseable {
    /** {@code TSK_FS_BLOCK_FLAG_ALLOC}: the block is in use now (for a deleted file, by another one). */
    public static final int BLOCK_ALLOC = 0x01;

    /** {@code TSK_FS_BLOCK_FLAG_RAW}: read as it lies in the block given. */
    public static final int BLOCK_RAW = 0x20;

    /** {@code TSK_FS_BLOCK_FLAG_SPARSE}, {@code _COMP}, {@code _RES}: not read as it lies in a block. */
    public static final int BLOCK_SPARSE = 0x40;

    public static final int BLOCK_COMPRESSED = 0x80;

    public static final int BLOCK_RESIDENT = 0x100;

    /** {@code TSK_FS_FILE_WALK_FLAG_NOID} and {@code TSK_FS_FILE_READ_FLAG_NOID}: one value for both. */
    private static final int NOID = 0x02;

    /** The walk's callback, as in {@link ContentWalk}; pointers as {@code long}. */
    private static final FunctionDescriptor CALLBACK =
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS);

    /** What a reader delivers, in stream order; chunks are valid only during the call. */
    public interface Sink {
        /**
         * @param byteOffset where the chunk starts in the stream
         * @param block the file-system block it was read from, when {@code blockFlags} has {@link #BLOCK_RAW}
         * @param blockFlags {@code TSK_FS_BLOCK_FLAG_ENUM} of the block, 0 when read after an unreadable run
         * @return whether to go on reading the stream
         */
        boolean content(MemorySegment chunk, long byteOffset, long block, int blockFlags) throws IOException;

        /** {@code lengthBytes} from {@code byteOffset} of the stream could not be read; {@code reason} is libtsk's. */
        void unreadable(long byteOffset, long lengthBytes, String reason) throws IOException;
    }

    private final long fs;
    private final int blockBytes;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stub;
    private final MemorySegment buffer;
    private final RunReader direct;
    private Sink sink;
    private long next;
    private Throwable failure;

    /** A reader of {@code fs}; the file system must stay open until the reader is closed. */
    public StreamReader(FileSystem fs) {
        this.fs = fs.segment().address();
        this.blockBytes = Math.max(512, fs.blockSizeBytes());
        this.stub = Upcalls.stub(MethodHandles.lookup(), this, "onBlock", CALLBACK, arena);
        this.buffer = arena.allocate(blockBytes);
        this.direct = RunReader.of(fs, arena);
    }

    /**
     * Reads one stream.
     *
     * @param inode the metadata address ({@code 64} of {@code 64-128-4})
     * @param type the attribute type ({@code 128}), or negative for the file's default content
     * @param id the attribute id ({@code 4}), or negative for the first attribute of {@code type}
     * @param sizeBytes the stream's size as listed: how far to go on after an unreadable block
     * @param mayBeReused whether the file is deleted: then libtsk reads it, and its block flags say which clusters
     *     are in use again
     */
    public void read(long inode, int type, int id, long sizeBytes, boolean mayBeReused, Sink sink) throws IOException {
        Calls.errorReset();
        long file = Calls.streamOpen(fs, inode);
        if (file == 0) {
            String reason = reason("cannot open inode " + Long.toUnsignedString(inode));
            if (sizeBytes > 0) {
                sink.unreadable(0, sizeBytes, reason);
            }
            return;
        }
        try {
            this.sink = sink;
            this.next = 0;
            this.failure = null;
            int flags = type >= 0 && id < 0 ? NOID : 0;
            if (direct != null && !mayBeReused && readDirect(file, type, id, flags, sizeBytes)) {
                return;
            }
            boolean error = Calls.streamWalk(file, type, Math.max(id, 0), flags, stub);
            if (failure != null) {
                throw Upcalls.rethrow(failure);
            }
            if (error && next < sizeBytes) {
                rest(file, type, Math.max(id, 0), flags, sizeBytes, reason("cannot read the content"));
            }
            Calls.errorReset();
        } finally {
            this.sink = null;
            Calls.streamClose(file);
        }
    }

    /** Reads the stream by its run list if {@link RunReader} can; false when libtsk is to walk it. */
    private boolean readDirect(long file, int type, int id, int flags, long sizeBytes) throws IOException {
        long attr = Calls.streamAttr(file, type, Math.max(id, 0), id >= 0);
        if (attr == 0 || !direct.reads(attr, sizeBytes)) {
            Calls.errorReset();
            return false;
        }
        long stopped = direct.read(attr, sizeBytes, sink);
        if (stopped >= 0) {
            next = stopped;
            rest(file, type, Math.max(id, 0), flags, sizeBytes, null);
        }
        Calls.errorReset();
        return true;
    }

    /**
     * After the walk stopped at {@link #next}: the rest block by block, unreadable runs merged and reported; {@code
     * firstReason} is why the walk stopped, {@code null} when libtsk has not said yet.
     */
    private void rest(long file, int type, int id, int flags, long sizeBytes, String firstReason) throws IOException {
        long badStart = -1;
        String reason = firstReason;
        long pos = next;
        // the walk stopped at a block: the next reads start at a block boundary of the stream
        long step = blockBytes - pos % blockBytes;
        while (pos < sizeBytes) {
            long want = Math.min(step, sizeBytes - pos);
            step = blockBytes;
            Calls.errorReset();
            long got = Calls.streamRead(file, type, id, flags, pos, buffer.address(), want);
            if (got == want) {
                if (badStart >= 0) {
                    sink.unreadable(badStart, pos - badStart, reason);
                    badStart = -1;
                }
                if (!sink.content(buffer.asSlice(0, want), pos, 0, 0)) {
                    return;
                }
            } else if (badStart < 0) {
                badStart = pos;
                if (pos != next || reason == null) {
                    reason = reason("cannot read the content");
                }
            }
            pos += want;
        }
        if (badStart >= 0) {
            sink.unreadable(badStart, sizeBytes - badStart, reason);
        }
    }

    private static String reason(String what) {
        String tsk = Calls.errorText();
        Calls.errorReset();
        return tsk == null || tsk.isBlank()
                ? what
                : what + " (libtsk: " + tsk.strip().replaceAll("\\s+", " ") + ")";
    }

    /** The upcall: never lets anything escape into libtsk. */
    @SuppressWarnings("unused")
    private int onBlock(long file, long offset, long address, long data, long length, int flags, MemorySegment ptr) {
        try {
            if (length > 0) {
                next = offset + length;
                if (!sink.content(Mem.ALL.asSlice(data, length), offset, address, flags)) {
                    return Upcalls.WALK_STOP;
                }
            }
            return Upcalls.WALK_CONT;
        } catch (Throwable t) {
            failure = t;
            return Upcalls.WALK_STOP;
        }
    }

    @Override
    public void close() {
        try {
            if (direct != null) {
                direct.close();
            }
        } catch (IOException e) {
            // a read-only channel: nothing was written that closing could lose
        }
        arena.close();
    }
}

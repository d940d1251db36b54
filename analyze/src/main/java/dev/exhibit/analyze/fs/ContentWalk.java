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
 * {@code tsk_fs_file_walk} and {@code tsk_fs_file_walk_type}: a file's content block by block, exactly the bytes
 * {@code icat} and {@code tsk_recover} write (sparse runs as zeros, slack on request). The sink runs inside libtsk's
 * callback; what it throws is caught there, stops the walk and is rethrown afterwards.
 */
public final class ContentWalk {
    /** {@code TSK_FS_FILE_WALK_FLAG_SLACK}, {@code _NOID}. */
    private static final int WALK_SLACK = 0x01;

    private static final int WALK_NOID = 0x02;
    /**
     * {@code TSK_WALK_RET_ENUM (*)(TSK_FS_FILE *, TSK_OFF_T off, TSK_DADDR_T addr, char *buf, size_t len,
     * TSK_FS_BLOCK_FLAG_ENUM flags, void *ptr)}; the buffer as an address (see Calls).
     */
    private static final FunctionDescriptor CALLBACK =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS);

    /** Receives the content in the order libtsk reads it; the chunk is only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(MemorySegment chunk) throws IOException;
    }

    private final Sink sink;
    private Throwable failure;

    private ContentWalk(Sink sink) {
        this.sink = sink;
    }

    static void run(FileSystem fs, MemorySegment file, Integer type, Integer id, boolean slack, Sink sink)
            throws IOException {
        ContentWalk walk = new ContentWalk(sink);
        int flags = slack ? WALK_SLACK : 0;
        boolean error;
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment stub = Upcalls.stub(MethodHandles.lookup(), walk, "onBlock", CALLBACK, temp);
            Calls.errorReset();
            if (type == null) {
                error = Calls.fileWalk(file, flags, stub, MemorySegment.NULL);
            } else if (id == null) {
                error = Calls.fileWalkType(file, type, 0, flags | WALK_NOID, stub, MemorySegment.NULL);
            } else {
                error = Calls.fileWalkType(file, type, id, flags, stub, MemorySegment.NULL);
            }
        }
        if (walk.failure != null) {
            throw Upcalls.rethrow(walk.failure);
        }
        if (error) {
            throw fs.failure("cannot read the file's content");
        }
    }

    /** The upcall: never lets anything escape into libtsk. */
    @SuppressWarnings("unused")
    private int onBlock(
            MemorySegment file, long offset, long address, long buffer, long length, int flags, MemorySegment ptr) {
        try {
            if (length > 0) {
                sink.accept(Mem.ALL.asSlice(buffer, length));
            }
            return Upcalls.WALK_CONT;
        } catch (Throwable t) {
            failure = t;
            return Upcalls.WALK_STOP;
        }
    }
}

package dev.exhibit.analyze.fs;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.analyze.tsk.Upcalls;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * {@code tsk_fs_dir_walk}: every name below a directory, in libtsk's order (the order {@code fls} prints), deleted
 * names and the virtual {@code $OrphanFiles} directory included. The visitor runs inside libtsk's callback, so it
 * must not keep the {@link Entry}; whatever it throws is caught there (an exception crossing the native frame would
 * end the JVM), stops the walk and is rethrown once libtsk has returned.
 */
public final class DirectoryWalk {
    /** {@code TSK_FS_DIR_WALK_FLAG_ENUM}. */
    public static final int ALLOC = 0x1;

    public static final int UNALLOC = 0x2;
    public static final int RECURSE = 0x4;
    /** Do not enter {@code $OrphanFiles}, whose listing costs a scan of every inode or directory-entry slot. */
    public static final int NOORPHAN = 0x8;

    /** {@code TSK_WALK_RET_ENUM (*)(TSK_FS_FILE *, const char *path, void *ptr)}; pointers as longs (see Calls). */
    private static final FunctionDescriptor CALLBACK = FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    /** Receives each entry; return false to stop the walk. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(Entry entry) throws IOException;
    }

    private final Entry entry;
    private final Visitor visitor;
    private Throwable failure;

    private DirectoryWalk(FileSystem fs, Visitor visitor) {
        this.entry = new Entry(fs);
        this.visitor = visitor;
    }

    /**
     * Walks the directory at metadata address {@code inode} with {@code TSK_FS_DIR_WALK_FLAG_ENUM} flags.
     *
     * @throws IOException what the visitor threw (its output failed, say)
     * @throws TskException when libtsk cannot read the start directory
     */
    public static void walk(FileSystem fs, long inode, int flags, Visitor visitor) throws IOException {
        DirectoryWalk walk = new DirectoryWalk(fs, visitor);
        boolean error;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = Upcalls.stub(MethodHandles.lookup(), walk, "onEntry", CALLBACK, arena);
            Calls.errorReset();
            error = Calls.fsDirWalk(fs.segment(), inode, flags, stub, MemorySegment.NULL);
        }
        if (walk.failure != null) {
            throw Upcalls.rethrow(walk.failure);
        }
        if (error) {
            throw fs.failure("cannot walk the directory at inode " + Long.toUnsignedString(inode));
        }
    }

    /** The upcall: never lets anything escape into libtsk. */
    @SuppressWarnings("unused")
    private int onEntry(long file, long path, long ptr) {
        try {
            entry.bind(file, path);
            return visitor.visit(entry) ? Upcalls.WALK_CONT : Upcalls.WALK_STOP;
        } catch (Throwable t) {
            failure = t;
            return Upcalls.WALK_STOP;
        }
    }
}

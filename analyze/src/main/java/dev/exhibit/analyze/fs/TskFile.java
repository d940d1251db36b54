package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * A file opened by metadata address or path ({@code TSK_FS_FILE} from {@code tsk_fs_file_open_meta} or
 * {@code tsk_fs_file_open}); owns its pointer. Its content is read the way {@code icat} reads it
 * ({@code tsk_fs_file_walk}, or {@code tsk_fs_file_walk_type} for one attribute), so the bytes are the same,
 * sparse runs and slack included. Close it before its file system.
 */
public final class TskFile implements AutoCloseable {
    private final FileSystem fs;
    private final Arena arena;
    private final MemorySegment self;
    private final Entry view;

    private TskFile(FileSystem fs, Arena arena, MemorySegment self) {
        this.fs = fs;
        this.arena = arena;
        this.self = self;
        this.view = new Entry(fs);
        view.bind(self.address(), 0);
    }

    /** Opens the file at metadata address {@code inode}, allocated or not, as {@code icat} does. */
    public static TskFile open(FileSystem fs, long inode) {
        if (Long.compareUnsigned(inode, fs.lastInode()) > 0 || Long.compareUnsigned(inode, fs.firstInode()) < 0) {
            throw ExhibitException.usage("inode " + Long.toUnsignedString(inode) + " is outside "
                    + Long.toUnsignedString(fs.firstInode()) + " to " + Long.toUnsignedString(fs.lastInode())
                    + ", the metadata addresses of the file system at byte offset " + fs.byteOffset());
        }
        Calls.errorReset();
        return wrap(fs, Calls.fileOpenMeta(fs.segment(), inode), "inode " + Long.toUnsignedString(inode));
    }

    /** Opens the file at {@code path} (UTF-8, {@code /} separated, from the root), as libtsk resolves it. */
    public static TskFile open(FileSystem fs, String path) {
        try (Arena temp = Arena.ofConfined()) {
            Calls.errorReset();
            MemorySegment c = temp.allocateFrom(path, StandardCharsets.UTF_8);
            return wrap(fs, Calls.fileOpen(fs.segment(), c), "path " + path);
        }
    }

    private static TskFile wrap(FileSystem fs, MemorySegment file, String what) {
        if (file.address() == 0) {
            throw fs.failure("cannot open " + what);
        }
        Arena arena = Arena.ofConfined();
        return new TskFile(fs, arena, file.reinterpret(Layouts.FS_FILE_BYTES, arena, Calls::fileClose));
    }

    /** The name (when opened by path) and metadata, read live from the open file. */
    public Entry view() {
        return view;
    }

    /**
     * Streams the content to {@code sink}: the default data attribute when {@code attributeType} is {@code null}; else
     * the attribute of that type, with {@code attributeId} when given. {@code slack} adds the bytes from the end of
     * the content to the end of its last block.
     */
    public void content(Integer attributeType, Integer attributeId, boolean slack, ContentWalk.Sink sink)
            throws IOException {
        ContentWalk.run(fs, self, attributeType, attributeId, slack, sink);
    }

    @Override
    public void close() {
        arena.close();
    }
}

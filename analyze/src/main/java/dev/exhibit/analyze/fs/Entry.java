package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;
import java.io.IOException;

/**
 * A view of one {@code TSK_FS_FILE} (its name and, when libtsk could load it, its metadata), read straight from
 * libtsk's memory. During a walk the same view is re-pointed at each entry and is only valid inside the visitor call:
 * libtsk frees or reuses the structures afterwards, so copy out what must outlive it. Numbers that the formats define
 * as unsigned (inode and sequence numbers, uid, gid) are returned in Java's signed types and must be printed with
 * {@code Long.toUnsignedString}.
 */
public final class Entry {
    /** {@code TSK_FS_NAME_FLAG_ALLOC} and {@code _UNALLOC}. */
    public static final int NAME_ALLOC = 1;

    public static final int NAME_UNALLOC = 2;

    /** {@code TSK_FS_META_FLAG_ALLOC}, {@code _UNALLOC}, {@code _COMP}. */
    public static final int META_ALLOC = 1;

    public static final int META_UNALLOC = 2;
    public static final int META_COMP = 0x10;

    /** {@code TSK_FS_NAME_TYPE_DIR}, {@code _VIRT_DIR}; {@code TSK_FS_META_TYPE_DIR}, {@code _LNK}, {@code _VIRT_DIR}. */
    public static final int NAME_TYPE_DIR = 3;

    public static final int NAME_TYPE_VIRT_DIR = 11;
    public static final int META_TYPE_REG = 1;
    public static final int META_TYPE_DIR = 2;
    public static final int META_TYPE_LNK = 6;
    public static final int META_TYPE_VIRT = 10;
    public static final int META_TYPE_VIRT_DIR = 11;

    private static final byte[] ORPHAN_PREFIX = "$OrphanFiles/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final FileSystem fs;
    private long file;
    private long name;
    private long meta;
    private long path;
    private int nameLength = -1;
    private int pathLength = -1;

    Entry(FileSystem fs) {
        this.fs = fs;
    }

    void bind(long file, long path) {
        this.file = file;
        this.name = Mem.ptr(file + Layouts.FILE_NAME);
        this.meta = Mem.ptr(file + Layouts.FILE_META);
        this.path = path;
        this.nameLength = -1;
        this.pathLength = -1;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** Length of the name's bytes (up to its first NUL, as libtsk's tools print it). */
    public int nameLength() {
        if (nameLength < 0) {
            nameLength = name == 0 ? 0 : Mem.strlen(Mem.ptr(name + Layouts.NAME_NAME));
        }
        return nameLength;
    }

    /** Copies the name's raw bytes into {@code into} at {@code at}; {@link #nameLength()} bytes. */
    public void copyName(byte[] into, int at) {
        if (nameLength() > 0) {
            Mem.copy(Mem.ptr(name + Layouts.NAME_NAME), into, at, nameLength);
        }
    }

    /** Address of the name's bytes in libtsk's memory, for writers that copy them straight into their buffer. */
    public long nameBytesAddress() {
        return name == 0 ? 0 : Mem.ptr(name + Layouts.NAME_NAME);
    }

    public byte[] name() {
        byte[] out = new byte[nameLength()];
        copyName(out, 0);
        return out;
    }

    /**
     * Length of the parent path libtsk passes with the entry during a walk: relative to the walk's start, without a
     * leading {@code /}, ending in {@code /} (empty at the start directory); 0 outside a walk.
     */
    public int parentLength() {
        if (pathLength < 0) {
            pathLength = Mem.strlen(path);
        }
        return pathLength;
    }

    /** Address of the parent path's bytes in libtsk's memory (see {@link #nameBytesAddress()}). */
    public long parentPathAddress() {
        return path;
    }

    public void copyParent(byte[] into, int at) {
        if (parentLength() > 0) {
            Mem.copy(path, into, at, pathLength);
        }
    }

    public byte[] parent() {
        byte[] out = new byte[parentLength()];
        copyParent(out, 0);
        return out;
    }

    /** The {@code .} and {@code ..} entries, which listings leave out as fls does without {@code -a}. */
    public boolean isDot() {
        int n = nameLength();
        if (n == 0 || n > 2) {
            return false;
        }
        long s = Mem.ptr(name + Layouts.NAME_NAME);
        return Mem.i8(s) == '.' && (n == 1 || Mem.i8(s + 1) == '.');
    }

    /**
     * True below the virtual {@code $OrphanFiles} directory, whose entries are orphans: deleted metadata that no
     * name points to any more.
     */
    public boolean inOrphanDirectory() {
        int n = parentLength();
        if (n < ORPHAN_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < ORPHAN_PREFIX.length; i++) {
            if (Mem.i8(path + i) != ORPHAN_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** The metadata address the name points to (unsigned). */
    public long nameMetaAddress() {
        return name == 0 ? 0 : Mem.i64(name + Layouts.NAME_META_ADDR);
    }

    /** {@code TSK_FS_NAME_TYPE_ENUM}: the type the directory entry records. */
    public int nameType() {
        return name == 0 ? 0 : Mem.i32(name + Layouts.NAME_TYPE);
    }

    public int nameFlags() {
        return name == 0 ? 0 : Mem.i32(name + Layouts.NAME_FLAGS);
    }

    /** True when the name itself is deleted (unallocated directory entry). */
    public boolean nameDeleted() {
        return (nameFlags() & NAME_UNALLOC) != 0;
    }

    public int nameSequence() {
        return Mem.i32(name + Layouts.NAME_META_SEQ);
    }

    /** Metadata address of the directory holding the name (unsigned). */
    public long parentAddress() {
        return Mem.i64(name + Layouts.NAME_PAR_ADDR);
    }

    /** Whether libtsk could load the metadata (inode, MFT entry, directory entry) the name points to. */
    public boolean hasMeta() {
        return meta != 0;
    }

    public long metaAddress() {
        return Mem.i64(meta + Layouts.META_ADDR);
    }

    /** {@code TSK_FS_META_TYPE_ENUM}; numbered differently from the name types. */
    public int metaType() {
        return Mem.i32(meta + Layouts.META_TYPE);
    }

    public int metaFlags() {
        return Mem.i32(meta + Layouts.META_FLAGS);
    }

    /** Unix permission bits ({@code TSK_FS_META_MODE_ENUM}: the 12 low bits of {@code st_mode}). */
    public int mode() {
        return Mem.i32(meta + Layouts.META_MODE);
    }

    public int linkCount() {
        return Mem.i32(meta + Layouts.META_NLINK);
    }

    public long size() {
        return Mem.i64(meta + Layouts.META_SIZE);
    }

    /** Owner's uid as an unsigned 32-bit value. */
    public long uid() {
        return Integer.toUnsignedLong(Mem.i32(meta + Layouts.META_UID));
    }

    public long gid() {
        return Integer.toUnsignedLong(Mem.i32(meta + Layouts.META_GID));
    }

    public int metaSequence() {
        return Mem.i32(meta + Layouts.META_SEQ);
    }

    public long seconds(Time t) {
        return Mem.i64(meta + t.secondsOffset);
    }

    public long nanos(Time t) {
        return t.wideNanos ? Mem.i64(meta + t.nanosOffset()) : Integer.toUnsignedLong(Mem.i32(meta + t.nanosOffset()));
    }

    /** The attribute id of the $FILE_NAME whose times libtsk copied into the FN_ times (NTFS). */
    public int fileNameAttributeId() {
        return Mem.u16(meta + Layouts.META_FN_ID);
    }

    /** Address of the symbolic link target string, 0 when none. */
    public long linkTarget() {
        return Mem.ptr(meta + Layouts.META_LINK);
    }

    /** Number of attributes (streams, NTFS attributes), loading them; -1 when libtsk cannot. */
    public int attributeCount() {
        int n = Calls.fileAttrCount(file);
        if (n < 0) {
            Calls.errorReset();
        }
        return n;
    }

    /** The attribute at {@code index}, 0 when libtsk cannot return it; read it with {@link Attribute}. */
    public long attribute(int index) {
        long a = Calls.fileAttr(file, index);
        if (a == 0) {
            Calls.errorReset();
        }
        return a;
    }

    /**
     * Streams this entry's default content, as {@code tsk_recover} does from inside a walk (see
     * {@link TskFile#content}).
     */
    public void content(ContentWalk.Sink sink) throws IOException {
        content(null, null, sink);
    }

    /** Streams the attribute of {@code type} and {@code id} (both {@code null}: the default content). */
    public void content(Integer type, Integer id, ContentWalk.Sink sink) throws IOException {
        ContentWalk.run(fs, Mem.ALL.asSlice(file, Layouts.FS_FILE_BYTES), type, id, false, sink);
    }

    long fileAddress() {
        return file;
    }
}

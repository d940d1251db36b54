package dev.exhibit.analyze.tsk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The libtsk functions the binding calls, with hand-written descriptors (prototypes in the 4.11.1 headers). Callers
 * must have passed {@link Libtsk#require()}. Handles are made per group on first use (each costs milliseconds to
 * link, and a listing needs fewer than half of them) and held in static finals, which the JIT folds. Functions called once per entry of a walk take and return pointers as
 * {@code long}: on x86-64 a pointer travels in the same register as a 64-bit integer, and a {@code long} costs no
 * segment object per call.
 */
public final class Calls {
    private static final class Errors {
        static final MethodHandle ERROR_GET = fn("tsk_error_get", FunctionDescriptor.of(ADDRESS));
        static final MethodHandle ERROR_GET_ERRNO = fn("tsk_error_get_errno", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle ERROR_RESET = fn("tsk_error_reset", FunctionDescriptor.ofVoid());
    }

    private static final class Images {
        static final MethodHandle IMG_OPEN_UTF8 =
                fn("tsk_img_open_utf8", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle IMG_CLOSE = fn("tsk_img_close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle IMG_TYPE_TONAME = fn("tsk_img_type_toname", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle IMG_TYPE_TODESC = fn("tsk_img_type_todesc", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final class ImageReads {
        static final MethodHandle IMG_READ =
                fn("tsk_img_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
    }

    private static final class Volumes {
        static final MethodHandle VS_OPEN =
                fn("tsk_vs_open", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle VS_CLOSE = fn("tsk_vs_close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle VS_PART_GET =
                fn("tsk_vs_part_get", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        static final MethodHandle VS_TYPE_TONAME = fn("tsk_vs_type_toname", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle VS_TYPE_TODESC = fn("tsk_vs_type_todesc", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static final class FileSystems {
        static final MethodHandle FS_OPEN_IMG =
                fn("tsk_fs_open_img", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle FS_CLOSE = fn("tsk_fs_close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle FS_TYPE_TONAME = fn("tsk_fs_type_toname", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        static final MethodHandle FS_DIR_WALK =
                fn("tsk_fs_dir_walk", FunctionDescriptor.of(JAVA_BYTE, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Reads {
        static final MethodHandle FS_READ =
                fn("tsk_fs_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle FS_FSSTAT = Libtsk.pointerCall(FunctionDescriptor.of(JAVA_BYTE, ADDRESS, ADDRESS));
    }

    private static final class Files {
        static final MethodHandle FILE_OPEN_META =
                fn("tsk_fs_file_open_meta", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle FILE_OPEN =
                fn("tsk_fs_file_open", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle FILE_CLOSE = fn("tsk_fs_file_close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle FILE_WALK =
                fn("tsk_fs_file_walk", FunctionDescriptor.of(JAVA_BYTE, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle FILE_WALK_TYPE = fn(
                "tsk_fs_file_walk_type",
                FunctionDescriptor.of(JAVA_BYTE, ADDRESS, JAVA_INT, JAVA_SHORT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private static final class Attributes {
        static final MethodHandle FILE_ATTR_GETSIZE =
                fn("tsk_fs_file_attr_getsize", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        static final MethodHandle FILE_ATTR_GET_IDX =
                fn("tsk_fs_file_attr_get_idx", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT));
        static final MethodHandle ATTR_READ = fn(
                "tsk_fs_attr_read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
    }

    /**
     * The calls of a thread that reads files while another walks the directories: pointers as {@code long}, since
     * the file system's own segment is confined to the walking thread.
     */
    private static final class Streams {
        static final MethodHandle OPEN_META =
                fn("tsk_fs_file_open_meta", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        static final MethodHandle CLOSE = fn("tsk_fs_file_close", FunctionDescriptor.ofVoid(JAVA_LONG));
        static final MethodHandle WALK =
                fn("tsk_fs_file_walk", FunctionDescriptor.of(JAVA_BYTE, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle WALK_TYPE = fn(
                "tsk_fs_file_walk_type",
                FunctionDescriptor.of(JAVA_BYTE, JAVA_LONG, JAVA_INT, JAVA_SHORT, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle READ_TYPE = fn(
                "tsk_fs_file_read_type",
                FunctionDescriptor.of(
                        JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_SHORT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
        static final MethodHandle READ = fn(
                "tsk_fs_file_read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
        static final MethodHandle ATTR = fn("tsk_fs_file_attr_get", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        static final MethodHandle ATTR_TYPE = fn(
                "tsk_fs_file_attr_get_type",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_SHORT, JAVA_BYTE));
    }

    private Calls() {}

    private static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        return Libtsk.downcall(name, descriptor);
    }

    /** libtsk's error text for this OS thread ({@code null} when none is set). */
    public static String errorText() {
        try {
            MemorySegment s = (MemorySegment) Errors.ERROR_GET.invokeExact();
            return s.address() == 0 ? null : Mem.text(s.address());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int errorNumber() {
        try {
            return (int) Errors.ERROR_GET_ERRNO.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void errorReset() {
        try {
            Errors.ERROR_RESET.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment imgOpenUtf8(int count, MemorySegment paths, int type, int sectorSize) {
        try {
            return (MemorySegment) Images.IMG_OPEN_UTF8.invokeExact(count, paths, type, sectorSize);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void imgClose(MemorySegment img) {
        try {
            Images.IMG_CLOSE.invokeExact(img);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static String imgTypeName(int type) {
        return staticText(Images.IMG_TYPE_TONAME, type);
    }

    public static String imgTypeDescription(int type) {
        return staticText(Images.IMG_TYPE_TODESC, type);
    }

    public static MemorySegment vsOpen(MemorySegment img, long byteOffset, int type) {
        try {
            return (MemorySegment) Volumes.VS_OPEN.invokeExact(img, byteOffset, type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void vsClose(MemorySegment vs) {
        try {
            Volumes.VS_CLOSE.invokeExact(vs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long vsPartGet(MemorySegment vs, int index) {
        try {
            return ((MemorySegment) Volumes.VS_PART_GET.invokeExact(vs, index)).address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static String vsTypeName(int type) {
        return staticText(Volumes.VS_TYPE_TONAME, type);
    }

    public static String vsTypeDescription(int type) {
        return staticText(Volumes.VS_TYPE_TODESC, type);
    }

    public static MemorySegment fsOpenImg(MemorySegment img, long byteOffset, int type) {
        try {
            return (MemorySegment) FileSystems.FS_OPEN_IMG.invokeExact(img, byteOffset, type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void fsClose(MemorySegment fs) {
        try {
            FileSystems.FS_CLOSE.invokeExact(fs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static String fsTypeName(int type) {
        return staticText(FileSystems.FS_TYPE_TONAME, type);
    }

    /** Reads {@code length} bytes at a byte offset of the image's media; returns the count read or -1. */
    public static long imgRead(MemorySegment img, long byteOffset, MemorySegment buffer, long length) {
        try {
            return (long) ImageReads.IMG_READ.invokeExact(img, byteOffset, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads {@code length} bytes at a byte offset of the file system; returns the count read or -1. */
    public static long fsRead(MemorySegment fs, long byteOffset, MemorySegment buffer, long length) {
        try {
            return (long) Reads.FS_READ.invokeExact(fs, byteOffset, buffer, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Returns true on error, as libtsk's 1. */
    public static boolean fsDirWalk(MemorySegment fs, long inode, int flags, MemorySegment action, MemorySegment ptr) {
        try {
            return (byte) FileSystems.FS_DIR_WALK.invokeExact(fs, inode, flags, action, ptr) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Calls the file system's fsstat operation, printing to a C stream; returns true on error. */
    public static boolean fsFsstat(MemorySegment function, MemorySegment fs, MemorySegment stream) {
        try {
            return (byte) Reads.FS_FSSTAT.invokeExact(function, fs, stream) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment fileOpenMeta(MemorySegment fs, long inode) {
        try {
            return (MemorySegment) Files.FILE_OPEN_META.invokeExact(fs, MemorySegment.NULL, inode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment fileOpen(MemorySegment fs, MemorySegment path) {
        try {
            return (MemorySegment) Files.FILE_OPEN.invokeExact(fs, MemorySegment.NULL, path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void fileClose(MemorySegment file) {
        try {
            Files.FILE_CLOSE.invokeExact(file);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Number of attributes of a file (loads them); -1 on error. */
    public static int fileAttrCount(long file) {
        try {
            return (int) Attributes.FILE_ATTR_GETSIZE.invokeExact(file);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Address of a file's attribute by index (owned by the file), 0 on error. */
    public static long fileAttr(long file, int index) {
        try {
            return (long) Attributes.FILE_ATTR_GET_IDX.invokeExact(file, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Reads up to {@code length} bytes of an attribute's content from {@code byteOffset} into native memory at
     * {@code buffer}; the count read, -1 on error.
     */
    public static long attrRead(long attr, long byteOffset, long buffer, long length) {
        try {
            return (long) Attributes.ATTR_READ.invokeExact(attr, byteOffset, buffer, length, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean fileWalk(MemorySegment file, int flags, MemorySegment action, MemorySegment ptr) {
        try {
            return (byte) Files.FILE_WALK.invokeExact(file, flags, action, ptr) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean fileWalkType(
            MemorySegment file, int type, int id, int flags, MemorySegment action, MemorySegment ptr) {
        try {
            return (byte) Files.FILE_WALK_TYPE.invokeExact(file, type, (short) id, flags, action, ptr) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code tsk_fs_file_open_meta(fs, NULL, inode)}: the file's address, 0 on error. */
    public static long streamOpen(long fs, long inode) {
        try {
            return (long) Streams.OPEN_META.invokeExact(fs, 0L, inode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void streamClose(long file) {
        try {
            Streams.CLOSE.invokeExact(file);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code tsk_fs_file_walk} ({@code type} negative: the default attribute) or {@code tsk_fs_file_walk_type};
     * true on error.
     */
    public static boolean streamWalk(long file, int type, int id, int flags, MemorySegment action) {
        try {
            if (type < 0) {
                return (byte) Streams.WALK.invokeExact(file, flags, action, 0L) != 0;
            }
            return (byte) Streams.WALK_TYPE.invokeExact(file, type, (short) id, flags, action, 0L) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code tsk_fs_file_read} ({@code type} negative) or {@code tsk_fs_file_read_type}: up to {@code length} bytes
     * at {@code byteOffset} of the stream into {@code buffer}; the count read, or -1 on error.
     */
    public static long streamRead(long file, int type, int id, int flags, long byteOffset, long buffer, long length) {
        try {
            if (type < 0) {
                return (long) Streams.READ.invokeExact(file, byteOffset, buffer, length, flags);
            }
            return (long) Streams.READ_TYPE.invokeExact(file, type, (short) id, byteOffset, buffer, length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The attribute {@link #streamWalk} walks: {@code tsk_fs_file_attr_get} ({@code type} negative: the default one)
     * or {@code tsk_fs_file_attr_get_type}, {@code id} counting only when {@code idUsed}; owned by the file, 0 on error.
     */
    public static long streamAttr(long file, int type, int id, boolean idUsed) {
        try {
            if (type < 0) {
                return (long) Streams.ATTR.invokeExact(file);
            }
            return (long) Streams.ATTR_TYPE.invokeExact(file, type, (short) id, (byte) (idUsed ? 1 : 0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * One letter per type code from libtsk's own {@code char[n][2]} tables ({@code tsk_fs_name_type_str},
     * {@code tsk_fs_meta_type_str}), the letters {@code fls} prints.
     */
    public static byte[] typeLetters(String symbol, int count) {
        MemorySegment table = Libtsk.symbol(symbol).reinterpret(2L * count);
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = table.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2L * i);
        }
        return out;
    }

    private static String staticText(MethodHandle toName, int value) {
        try {
            MemorySegment s = (MemorySegment) toName.invokeExact(value);
            return s.address() == 0 ? null : Mem.text(s.address());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Errors and unchecked exceptions pass; a checked one cannot come out of a downcall and would be a bug. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("unexpected exception from a libtsk downcall", t);
    }
}

package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;

/**
 * Reads a {@code TSK_FS_ATTR} by address (from {@link Entry#attribute}): a data stream or other attribute of a file.
 * The attribute belongs to its file and lives as long as the file's view.
 */
public final class Attribute {
    /** {@code TSK_FS_ATTR_TYPE_NTFS_FNAME}, {@code _NTFS_DATA}, {@code _NTFS_IDXROOT}. */
    public static final int NTFS_FNAME = 0x30;

    public static final int NTFS_DATA = 0x80;
    public static final int NTFS_IDXROOT = 0x90;
    /** {@code TSK_FS_ATTR_TYPE_HFS_DATA}, {@code _HFS_RSRC}: HFS+ data and resource forks. */
    public static final int HFS_DATA = 0x1100;

    public static final int HFS_RSRC = 0x1101;
    /** {@code TSK_FS_ATTR_TYPE_DEFAULT}: the one stream of file systems without named streams. */
    public static final int DEFAULT = 0x01;

    private Attribute() {}

    public static int type(long attr) {
        return Mem.i32(attr + Layouts.ATTR_TYPE);
    }

    /** The attribute id (unsigned 16-bit), which tells apart attributes of one type. */
    public static int id(long attr) {
        return Mem.u16(attr + Layouts.ATTR_ID);
    }

    public static long size(long attr) {
        return Mem.i64(attr + Layouts.ATTR_SIZE);
    }

    public static int flags(long attr) {
        return Mem.i32(attr + Layouts.ATTR_FLAGS);
    }

    /** Address of the attribute's name (NUL-terminated), 0 when unnamed. */
    public static long nameAddress(long attr) {
        return Mem.ptr(attr + Layouts.ATTR_NAME);
    }

    /** The name's raw bytes, empty when unnamed. */
    public static byte[] name(long attr) {
        return Mem.cString(nameAddress(attr));
    }
}

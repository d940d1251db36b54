package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Calls;
import java.util.List;

/**
 * A file system type as libtsk numbers it ({@code TSK_FS_TYPE_ENUM}), named as {@code fls -f} names it. Codes are
 * compared exactly: exFAT (0x0a) is FAT12|FAT32 in bits, so the bitwise tests of the C headers would call it FAT.
 *
 * @param code the {@code TSK_FS_TYPE_ENUM} value
 * @param name libtsk's short name, e.g. {@code fat16}, {@code ext4}, {@code ntfs}
 */
public record FileSystemType(int code, String name) {
    static final int DETECT = 0;
    static final int NTFS = 0x1;
    static final int FAT12 = 0x2;
    static final int FAT16 = 0x4;
    static final int FAT32 = 0x8;
    static final int EXFAT = 0xa;
    static final int EXT2 = 0x80;
    static final int EXT3 = 0x100;
    static final int EXT4 = 0x2000;
    static final int EXT_DETECT = 0x2180;
    static final int ISO9660 = 0x800;
    static final int HFS_DETECT = 0x9000;
    static final int FFS_DETECT = 0x70;
    static final int APFS = 0x10000;
    static final int YAFFS2 = 0x4000;

    /**
     * Types tried one by one, in this order, when autodetection finds none: a FAT32 volume under 65,525 clusters, for
     * one, is only recognised when asked for by name.
     */
    static final List<Integer> EXPLICIT_RETRIES =
            List.of(FAT32, FAT16, FAT12, EXFAT, NTFS, EXT_DETECT, ISO9660, HFS_DETECT, FFS_DETECT, YAFFS2, APFS);

    static FileSystemType of(int code) {
        String name = Calls.fsTypeName(code);
        return new FileSystemType(code, name == null ? "unknown-0x" + Integer.toHexString(code) : name);
    }

    public boolean isNtfs() {
        return code == NTFS;
    }

    /** FAT12, FAT16 or FAT32, not exFAT. */
    public boolean isFat() {
        return code == FAT12 || code == FAT16 || code == FAT32;
    }

    public boolean isExt() {
        return code == EXT2 || code == EXT3 || code == EXT4;
    }
}

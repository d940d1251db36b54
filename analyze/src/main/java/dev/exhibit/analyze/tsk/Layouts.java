package dev.exhibit.analyze.tsk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.util.Arrays;
import java.util.Map;

/**
 * The libtsk 4.11 structs the binding reads, declared member by member with explicit padding, and the byte offsets the
 * readers use. {@link LayoutCheck} compares every declared member with the table gcc measured against the installed
 * headers, at load, so a slip in a declaration fails there, not as a wrong figure in evidence.
 */
public final class Layouts {
    /**
     * TSK_IMG_INFO whole: the head the binding reads, the lock and the 2 MiB read cache it never touches, and the three
     * callbacks an external image (tsk_img_open_external) fills, which is why its size must be exact.
     */
    static final StructLayout IMG_INFO = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    JAVA_INT.withName("itype"),
                    JAVA_LONG.withName("size"),
                    JAVA_INT.withName("num_img"),
                    JAVA_INT.withName("sector_size"),
                    JAVA_INT.withName("page_size"),
                    JAVA_INT.withName("spare_size"),
                    ADDRESS.withName("images"),
                    pad(40).withName("cache_lock"),
                    pad(32 * 65536).withName("cache"),
                    pad(32 * 8).withName("cache_off"),
                    pad(32 * 4).withName("cache_age"),
                    pad(32 * 8).withName("cache_len"),
                    ADDRESS.withName("read"),
                    ADDRESS.withName("close"),
                    ADDRESS.withName("imgstat"))
            .withName("TSK_IMG_INFO");

    static final StructLayout VS_INFO = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    pad(4),
                    ADDRESS.withName("img_info"),
                    JAVA_INT.withName("vstype"),
                    JAVA_INT.withName("is_backup"),
                    JAVA_LONG.withName("offset"),
                    JAVA_INT.withName("block_size"),
                    JAVA_INT.withName("endian"),
                    ADDRESS.withName("part_list"),
                    JAVA_INT.withName("part_count"),
                    pad(4),
                    ADDRESS.withName("close"))
            .withName("TSK_VS_INFO");

    static final StructLayout VS_PART_INFO = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    pad(4),
                    ADDRESS.withName("prev"),
                    ADDRESS.withName("next"),
                    ADDRESS.withName("vs"),
                    JAVA_LONG.withName("start"),
                    JAVA_LONG.withName("len"),
                    ADDRESS.withName("desc"),
                    JAVA_BYTE.withName("table_num"),
                    JAVA_BYTE.withName("slot_num"),
                    pad(2),
                    JAVA_INT.withName("addr"),
                    JAVA_INT.withName("flags"),
                    pad(4))
            .withName("TSK_VS_PART_INFO");

    /** TSK_FS_INFO up to the function pointers; the locks are opaque pthread mutexes. */
    static final StructLayout FS_INFO = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    pad(4),
                    ADDRESS.withName("img_info"),
                    JAVA_LONG.withName("offset"),
                    JAVA_LONG.withName("inum_count"),
                    JAVA_LONG.withName("root_inum"),
                    JAVA_LONG.withName("first_inum"),
                    JAVA_LONG.withName("last_inum"),
                    JAVA_LONG.withName("block_count"),
                    JAVA_LONG.withName("first_block"),
                    JAVA_LONG.withName("last_block"),
                    JAVA_LONG.withName("last_block_act"),
                    JAVA_INT.withName("block_size"),
                    JAVA_INT.withName("dev_bsize"),
                    JAVA_INT.withName("block_pre_size"),
                    JAVA_INT.withName("block_post_size"),
                    JAVA_LONG.withName("journ_inum"),
                    JAVA_INT.withName("ftype"),
                    pad(4),
                    ADDRESS.withName("duname"),
                    JAVA_INT.withName("flags"),
                    MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("fs_id"),
                    pad(4),
                    JAVA_LONG.withName("fs_id_used"),
                    JAVA_INT.withName("endian"),
                    pad(4),
                    pad(40).withName("list_inum_named_lock"),
                    ADDRESS.withName("list_inum_named"),
                    pad(40).withName("orphan_dir_lock"),
                    ADDRESS.withName("orphan_dir"),
                    MemoryLayout.sequenceLayout(12, ADDRESS).withName("fs_ops"),
                    ADDRESS.withName("fsstat"),
                    ADDRESS.withName("name_cmp"),
                    ADDRESS.withName("fscheck"),
                    ADDRESS.withName("close"),
                    ADDRESS.withName("fread_owner_sid"),
                    ADDRESS.withName("impl"))
            .withName("TSK_FS_INFO");

    static final StructLayout FS_FILE = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    pad(4),
                    ADDRESS.withName("name"),
                    ADDRESS.withName("meta"),
                    ADDRESS.withName("fs_info"))
            .withName("TSK_FS_FILE");

    static final StructLayout FS_NAME = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    pad(4),
                    ADDRESS.withName("name"),
                    JAVA_LONG.withName("name_size"),
                    ADDRESS.withName("shrt_name"),
                    JAVA_LONG.withName("shrt_name_size"),
                    JAVA_LONG.withName("meta_addr"),
                    JAVA_INT.withName("meta_seq"),
                    pad(4),
                    JAVA_LONG.withName("par_addr"),
                    JAVA_INT.withName("par_seq"),
                    pad(4),
                    JAVA_LONG.withName("date_added"),
                    JAVA_INT.withName("type"),
                    JAVA_INT.withName("flags"))
            .withName("TSK_FS_NAME");

    /** The NTFS member of the {@code time2} union: $FILE_NAME times, whose nanosecond fields are 8 bytes wide. */
    private static final StructLayout NTFS_TIMES = MemoryLayout.structLayout(
                    JAVA_LONG.withName("fn_crtime"),
                    JAVA_LONG.withName("fn_crtime_nano"),
                    JAVA_LONG.withName("fn_mtime"),
                    JAVA_LONG.withName("fn_mtime_nano"),
                    JAVA_LONG.withName("fn_atime"),
                    JAVA_LONG.withName("fn_atime_nano"),
                    JAVA_LONG.withName("fn_ctime"),
                    JAVA_LONG.withName("fn_ctime_nano"),
                    JAVA_SHORT.withName("fn_id"),
                    pad(6))
            .withName("ntfs");

    static final StructLayout FS_META = MemoryLayout.structLayout(
                    JAVA_INT.withName("tag"),
                    JAVA_INT.withName("flags"),
                    JAVA_LONG.withName("addr"),
                    JAVA_INT.withName("type"),
                    JAVA_INT.withName("mode"),
                    JAVA_INT.withName("nlink"),
                    pad(4),
                    JAVA_LONG.withName("size"),
                    JAVA_INT.withName("uid"),
                    JAVA_INT.withName("gid"),
                    JAVA_LONG.withName("mtime"),
                    JAVA_INT.withName("mtime_nano"),
                    pad(4),
                    JAVA_LONG.withName("atime"),
                    JAVA_INT.withName("atime_nano"),
                    pad(4),
                    JAVA_LONG.withName("ctime"),
                    JAVA_INT.withName("ctime_nano"),
                    pad(4),
                    JAVA_LONG.withName("crtime"),
                    JAVA_INT.withName("crtime_nano"),
                    pad(4),
                    MemoryLayout.unionLayout(NTFS_TIMES).withName("time2"),
                    ADDRESS.withName("content_ptr"),
                    JAVA_LONG.withName("content_len"),
                    JAVA_INT.withName("content_type"),
                    pad(4),
                    ADDRESS.withName("reset_content"),
                    JAVA_INT.withName("seq"),
                    pad(4),
                    ADDRESS.withName("attr"),
                    JAVA_INT.withName("attr_state"),
                    pad(4),
                    ADDRESS.withName("name2"),
                    ADDRESS.withName("link"))
            .withName("TSK_FS_META");

    /** The non-resident part of TSK_FS_ATTR: the run list and the sizes that bound what is read of it. */
    private static final StructLayout ATTR_NONRES = MemoryLayout.structLayout(
                    ADDRESS.withName("run"),
                    ADDRESS.withName("run_end"),
                    JAVA_INT.withName("skiplen"),
                    pad(4),
                    JAVA_LONG.withName("allocsize"),
                    JAVA_LONG.withName("initsize"),
                    JAVA_INT.withName("compsize"),
                    pad(4))
            .withName("nrd");

    /** TSK_FS_ATTR; the resident buffer and the read and walk functions after the run list are libtsk's business. */
    static final StructLayout FS_ATTR = MemoryLayout.structLayout(
                    ADDRESS.withName("next"),
                    ADDRESS.withName("fs_file"),
                    JAVA_INT.withName("flags"),
                    pad(4),
                    ADDRESS.withName("name"),
                    JAVA_LONG.withName("name_size"),
                    JAVA_INT.withName("type"),
                    JAVA_SHORT.withName("id"),
                    pad(2),
                    JAVA_LONG.withName("size"),
                    ATTR_NONRES,
                    pad(40).withName("rd_r_w"))
            .withName("TSK_FS_ATTR");

    /** TSK_FS_ATTR_RUN: one run of a non-resident attribute, in file-system blocks. */
    static final StructLayout FS_ATTR_RUN = MemoryLayout.structLayout(
                    ADDRESS.withName("next"),
                    JAVA_LONG.withName("offset"),
                    JAVA_LONG.withName("addr"),
                    JAVA_LONG.withName("len"),
                    JAVA_LONG.withName("crypto_id"),
                    JAVA_INT.withName("flags"),
                    pad(4))
            .withName("TSK_FS_ATTR_RUN");

    static final Map<String, StructLayout> BY_NAME = Map.of(
            "TSK_IMG_INFO", IMG_INFO,
            "TSK_VS_INFO", VS_INFO,
            "TSK_VS_PART_INFO", VS_PART_INFO,
            "TSK_FS_INFO", FS_INFO,
            "TSK_FS_FILE", FS_FILE,
            "TSK_FS_NAME", FS_NAME,
            "TSK_FS_META", FS_META,
            "TSK_FS_ATTR", FS_ATTR,
            "TSK_FS_ATTR_RUN", FS_ATTR_RUN);

    /** Bytes of each handle struct the binding reads (TSK_IMG_INFO whole, as an external image allocates it). */
    public static final long IMG_INFO_BYTES = IMG_INFO.byteSize();

    public static final long VS_INFO_BYTES = VS_INFO.byteSize();
    public static final long FS_INFO_BYTES = FS_INFO.byteSize();
    public static final long FS_FILE_BYTES = FS_FILE.byteSize();

    public static final long IMG_ITYPE = offset(IMG_INFO, "itype");
    public static final long IMG_SIZE = offset(IMG_INFO, "size");
    public static final long IMG_NUM_IMG = offset(IMG_INFO, "num_img");
    public static final long IMG_SECTOR_SIZE = offset(IMG_INFO, "sector_size");
    public static final long IMG_IMAGES = offset(IMG_INFO, "images");

    public static final long VS_VSTYPE = offset(VS_INFO, "vstype");
    public static final long VS_OFFSET = offset(VS_INFO, "offset");
    public static final long VS_BLOCK_SIZE = offset(VS_INFO, "block_size");
    public static final long VS_PART_COUNT = offset(VS_INFO, "part_count");

    public static final long PART_START = offset(VS_PART_INFO, "start");
    public static final long PART_LEN = offset(VS_PART_INFO, "len");
    public static final long PART_DESC = offset(VS_PART_INFO, "desc");
    public static final long PART_TABLE_NUM = offset(VS_PART_INFO, "table_num");
    public static final long PART_SLOT_NUM = offset(VS_PART_INFO, "slot_num");
    public static final long PART_ADDR = offset(VS_PART_INFO, "addr");
    public static final long PART_FLAGS = offset(VS_PART_INFO, "flags");

    public static final long FS_OFFSET = offset(FS_INFO, "offset");
    public static final long FS_INUM_COUNT = offset(FS_INFO, "inum_count");
    public static final long FS_ROOT_INUM = offset(FS_INFO, "root_inum");
    public static final long FS_FIRST_INUM = offset(FS_INFO, "first_inum");
    public static final long FS_LAST_INUM = offset(FS_INFO, "last_inum");
    public static final long FS_BLOCK_COUNT = offset(FS_INFO, "block_count");
    public static final long FS_LAST_BLOCK = offset(FS_INFO, "last_block");
    public static final long FS_BLOCK_SIZE = offset(FS_INFO, "block_size");
    public static final long FS_DEV_BSIZE = offset(FS_INFO, "dev_bsize");
    public static final long FS_FTYPE = offset(FS_INFO, "ftype");
    public static final long FS_FLAGS = offset(FS_INFO, "flags");
    public static final long FS_ID = offset(FS_INFO, "fs_id");
    public static final long FS_ID_BYTES = member(FS_INFO, "fs_id").byteSize();
    public static final long FS_ID_USED = offset(FS_INFO, "fs_id_used");
    public static final long FS_FSSTAT = offset(FS_INFO, "fsstat");

    public static final long FILE_NAME = offset(FS_FILE, "name");
    public static final long FILE_META = offset(FS_FILE, "meta");

    public static final long NAME_NAME = offset(FS_NAME, "name");
    public static final long NAME_SHRT_NAME = offset(FS_NAME, "shrt_name");
    public static final long NAME_META_ADDR = offset(FS_NAME, "meta_addr");
    public static final long NAME_META_SEQ = offset(FS_NAME, "meta_seq");
    public static final long NAME_PAR_ADDR = offset(FS_NAME, "par_addr");
    public static final long NAME_TYPE = offset(FS_NAME, "type");
    public static final long NAME_FLAGS = offset(FS_NAME, "flags");

    public static final long META_FLAGS = offset(FS_META, "flags");
    public static final long META_ADDR = offset(FS_META, "addr");
    public static final long META_TYPE = offset(FS_META, "type");
    public static final long META_MODE = offset(FS_META, "mode");
    public static final long META_NLINK = offset(FS_META, "nlink");
    public static final long META_SIZE = offset(FS_META, "size");
    public static final long META_UID = offset(FS_META, "uid");
    public static final long META_GID = offset(FS_META, "gid");
    public static final long META_MTIME = offset(FS_META, "mtime");
    public static final long META_ATIME = offset(FS_META, "atime");
    public static final long META_CTIME = offset(FS_META, "ctime");
    public static final long META_CRTIME = offset(FS_META, "crtime");
    /** Each seconds field is followed, 8 bytes on, by its nanoseconds. */
    public static final long META_NANO_AFTER_SECONDS = offset(FS_META, "mtime_nano") - META_MTIME;

    public static final long META_FN_CRTIME = offset(FS_META, "time2.ntfs.fn_crtime");
    public static final long META_FN_MTIME = offset(FS_META, "time2.ntfs.fn_mtime");
    public static final long META_FN_ATIME = offset(FS_META, "time2.ntfs.fn_atime");
    public static final long META_FN_CTIME = offset(FS_META, "time2.ntfs.fn_ctime");
    public static final long META_FN_ID = offset(FS_META, "time2.ntfs.fn_id");
    public static final long META_SEQ = offset(FS_META, "seq");
    public static final long META_LINK = offset(FS_META, "link");

    public static final long ATTR_FLAGS = offset(FS_ATTR, "flags");
    public static final long ATTR_NAME = offset(FS_ATTR, "name");
    public static final long ATTR_TYPE = offset(FS_ATTR, "type");
    public static final long ATTR_ID = offset(FS_ATTR, "id");
    public static final long ATTR_SIZE = offset(FS_ATTR, "size");
    public static final long ATTR_RUN = offset(FS_ATTR, "nrd.run");
    public static final long ATTR_SKIPLEN = offset(FS_ATTR, "nrd.skiplen");
    public static final long ATTR_INITSIZE = offset(FS_ATTR, "nrd.initsize");

    public static final long RUN_NEXT = offset(FS_ATTR_RUN, "next");
    public static final long RUN_ADDR = offset(FS_ATTR_RUN, "addr");
    public static final long RUN_LEN = offset(FS_ATTR_RUN, "len");
    public static final long RUN_FLAGS = offset(FS_ATTR_RUN, "flags");

    private Layouts() {}

    static long offset(StructLayout s, String dotted) {
        return s.byteOffset(path(dotted));
    }

    static MemoryLayout member(StructLayout s, String dotted) {
        return s.select(path(dotted));
    }

    private static PathElement[] path(String dotted) {
        return Arrays.stream(dotted.split("\\.")).map(PathElement::groupElement).toArray(PathElement[]::new);
    }

    private static MemoryLayout pad(long bytes) {
        return MemoryLayout.paddingLayout(bytes);
    }
}

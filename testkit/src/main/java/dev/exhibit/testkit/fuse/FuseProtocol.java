package dev.exhibit.testkit.fuse;

/**
 * Facts of the FUSE kernel protocol (Linux {@code include/uapi/linux/fuse.h}, protocol 7.x) that this server uses:
 * opcodes, flags and the byte offsets of the structure fields it reads and writes. All fields are in the host's byte
 * order; every structure is naturally aligned.
 */
final class FuseProtocol {
    static final int KERNEL_MAJOR = 7;
    /** The minor version whose structure sizes this server writes (init_out is 64 bytes from 7.23 on). */
    static final int SERVER_MINOR = 38;

    static final long ROOT_NODE = 1;
    static final long FILE_NODE = 2;

    // Opcodes.
    static final int LOOKUP = 1;
    static final int FORGET = 2;
    static final int GETATTR = 3;
    static final int SETATTR = 4;
    static final int OPEN = 14;
    static final int READ = 15;
    static final int STATFS = 17;
    static final int RELEASE = 18;
    static final int FSYNC = 20;
    static final int GETXATTR = 22;
    static final int LISTXATTR = 23;
    static final int FLUSH = 25;
    static final int INIT = 26;
    static final int OPENDIR = 27;
    static final int READDIR = 28;
    static final int RELEASEDIR = 29;
    static final int FSYNCDIR = 30;
    static final int INTERRUPT = 36;
    static final int DESTROY = 38;
    static final int BATCH_FORGET = 42;

    // fuse_in_header (40 bytes) and fuse_out_header (16 bytes).
    static final int IN_HEADER_BYTES = 40;
    static final int IN_LEN = 0;
    static final int IN_OPCODE = 4;
    static final int IN_UNIQUE = 8;
    static final int IN_NODEID = 16;
    static final int OUT_HEADER_BYTES = 16;
    static final int OUT_LEN = 0;
    static final int OUT_ERROR = 4;
    static final int OUT_UNIQUE = 8;

    // fuse_init_in / fuse_init_out.
    static final int INIT_IN_MAJOR = 0;
    static final int INIT_IN_MINOR = 4;
    static final int INIT_IN_MAX_READAHEAD = 8;
    static final int INIT_OUT_BYTES = 64;
    static final int INIT_OUT_MAX_READAHEAD = 8;
    static final int INIT_OUT_FLAGS = 12;
    static final int INIT_OUT_MAX_BACKGROUND = 16;
    static final int INIT_OUT_CONGESTION_THRESHOLD = 18;
    static final int INIT_OUT_MAX_WRITE = 20;
    static final int INIT_OUT_TIME_GRAN = 24;
    static final int INIT_OUT_MAX_PAGES = 28;
    /** init flag: {@code max_pages} in init_out is valid. */
    static final int FUSE_MAX_PAGES = 1 << 22;

    // fuse_attr (88 bytes), inside fuse_entry_out (at 40, 128 bytes) and fuse_attr_out (at 16, 104 bytes).
    static final int ATTR_BYTES = 88;
    static final int ATTR_INO = 0;
    static final int ATTR_SIZE = 8;
    static final int ATTR_BLOCKS = 16;
    static final int ATTR_ATIME = 24;
    static final int ATTR_MTIME = 32;
    static final int ATTR_CTIME = 40;
    static final int ATTR_MODE = 60;
    static final int ATTR_NLINK = 64;
    static final int ATTR_BLKSIZE = 80;
    static final int ENTRY_OUT_BYTES = 40 + ATTR_BYTES;
    static final int ENTRY_NODEID = 0;
    static final int ENTRY_VALID = 16;
    static final int ENTRY_ATTR_VALID = 24;
    static final int ENTRY_ATTR = 40;
    static final int ATTR_OUT_BYTES = 16 + ATTR_BYTES;
    static final int ATTR_OUT_VALID = 0;
    static final int ATTR_OUT_ATTR = 16;

    // fuse_open_in / fuse_open_out.
    static final int OPEN_IN_FLAGS = 0;
    static final int OPEN_OUT_BYTES = 16;
    static final int OPEN_OUT_FH = 0;
    static final int OPEN_OUT_FLAGS = 8;
    /** open flag: bypass the page cache, so every read reaches the server with its own offset and size. */
    static final int FOPEN_DIRECT_IO = 1;

    // fuse_read_in (also READDIR's argument).
    static final int READ_IN_OFFSET = 8;
    static final int READ_IN_SIZE = 16;

    // fuse_kstatfs inside fuse_statfs_out (80 bytes).
    static final int STATFS_OUT_BYTES = 80;
    static final int STATFS_BLOCKS = 0;
    static final int STATFS_BSIZE = 40;
    static final int STATFS_NAMELEN = 44;
    static final int STATFS_FRSIZE = 48;

    // fuse_dirent: ino, off, namelen, type, name; each entry padded to 8 bytes.
    static final int DIRENT_NAME = 24;

    // File types and modes (stat.h), and the errno values the server answers with.
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int DT_DIR = 4;
    static final int DT_REG = 8;
    static final int O_ACCMODE = 3;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENODEV = 19;
    /** A read of /dev/fuse after the connection was torn down with the mount (newer kernels say so, not ENODEV). */
    static final int ECONNABORTED = 103;

    static final int EROFS = 30;
    static final int ENOSYS = 38;
    static final int ENODATA = 61;

    private FuseProtocol() {}

    static int align8(int bytes) {
        return (bytes + 7) & ~7;
    }
}

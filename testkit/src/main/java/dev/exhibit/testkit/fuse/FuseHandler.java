package dev.exhibit.testkit.fuse;

import static dev.exhibit.testkit.fuse.FuseProtocol.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers one FUSE request for a file system holding one read-only file in its root directory. Writes the reply into
 * a buffer and returns its length (0: the opcode takes no reply).
 */
final class FuseHandler {
    /** How long the kernel may cache names and attributes: the file never changes while mounted. */
    private static final long CACHE_SECONDS = 3600;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;

    private final FuseFile file;
    private final byte[] fileName;
    private final boolean directIo;
    private final int maxReadBytes;
    private final long mountSeconds;

    FuseHandler(FuseFile file, String fileName, boolean directIo, int maxReadBytes, long mountSeconds) {
        this.file = file;
        this.fileName = fileName.getBytes(StandardCharsets.UTF_8);
        this.directIo = directIo;
        this.maxReadBytes = maxReadBytes;
        this.mountSeconds = mountSeconds;
    }

    /** Handles the request of {@code lengthBytes} in {@code in}; returns the reply length written to {@code out}. */
    int handle(MemorySegment in, int lengthBytes, MemorySegment out) {
        int opcode = in.get(U32, IN_OPCODE);
        long unique = in.get(U64, IN_UNIQUE);
        long node = in.get(U64, IN_NODEID);
        MemorySegment arg = in.asSlice(IN_HEADER_BYTES, lengthBytes - IN_HEADER_BYTES);
        MemorySegment body = out.asSlice(OUT_HEADER_BYTES);
        int result = switch (opcode) {
            case FORGET, BATCH_FORGET, INTERRUPT -> Integer.MIN_VALUE; // no reply; interrupts are ignored
            case INIT -> init(arg, body);
            case LOOKUP -> lookup(node, arg, body);
            case GETATTR -> node == ROOT_NODE || node == FILE_NODE ? attrOut(node, body) : -ENOENT;
            case SETATTR -> -EROFS;
            case OPEN -> open(node, arg, body);
            case OPENDIR -> node == ROOT_NODE ? openOut(0, body) : -ENOENT;
            case READ -> read(node, arg, body);
            case READDIR -> readdir(arg, body);
            case STATFS -> statfs(body);
            case RELEASE, RELEASEDIR, FLUSH, FSYNC, FSYNCDIR, DESTROY -> 0;
            case GETXATTR -> -ENODATA;
            default -> -ENOSYS;
        };
        if (result == Integer.MIN_VALUE) {
            return 0;
        }
        int bodyBytes = Math.max(result, 0);
        out.set(U32, OUT_LEN, OUT_HEADER_BYTES + bodyBytes);
        out.set(U32, OUT_ERROR, Math.min(result, 0));
        out.set(U64, OUT_UNIQUE, unique);
        return OUT_HEADER_BYTES + bodyBytes;
    }

    private int init(MemorySegment arg, MemorySegment body) {
        body.asSlice(0, INIT_OUT_BYTES).fill((byte) 0);
        body.set(U32, 0, KERNEL_MAJOR);
        int kernelMajor = arg.get(U32, INIT_IN_MAJOR);
        if (kernelMajor > KERNEL_MAJOR) {
            // The kernel then repeats INIT with our major version.
            return 8;
        }
        if (kernelMajor < KERNEL_MAJOR) {
            return -EIO;
        }
        body.set(U32, 4, Math.min(arg.get(U32, INIT_IN_MINOR), SERVER_MINOR));
        body.set(U32, INIT_OUT_MAX_READAHEAD, arg.get(U32, INIT_IN_MAX_READAHEAD));
        body.set(U32, INIT_OUT_FLAGS, FUSE_MAX_PAGES);
        body.set(U16, INIT_OUT_MAX_BACKGROUND, (short) 16);
        body.set(U16, INIT_OUT_CONGESTION_THRESHOLD, (short) 12);
        body.set(U32, INIT_OUT_MAX_WRITE, 128 * 1024);
        body.set(U32, INIT_OUT_TIME_GRAN, 1);
        body.set(U16, INIT_OUT_MAX_PAGES, (short) (maxReadBytes / 4096));
        return INIT_OUT_BYTES;
    }

    private int lookup(long node, MemorySegment arg, MemorySegment body) {
        byte[] name = arg.getString(0, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        if (node != ROOT_NODE || !java.util.Arrays.equals(name, fileName)) {
            return -ENOENT;
        }
        body.asSlice(0, ENTRY_OUT_BYTES).fill((byte) 0);
        body.set(U64, ENTRY_NODEID, FILE_NODE);
        body.set(U64, ENTRY_VALID, CACHE_SECONDS);
        body.set(U64, ENTRY_ATTR_VALID, CACHE_SECONDS);
        attr(FILE_NODE, body.asSlice(ENTRY_ATTR, ATTR_BYTES));
        return ENTRY_OUT_BYTES;
    }

    private int attrOut(long node, MemorySegment body) {
        body.asSlice(0, ATTR_OUT_BYTES).fill((byte) 0);
        body.set(U64, ATTR_OUT_VALID, CACHE_SECONDS);
        attr(node, body.asSlice(ATTR_OUT_ATTR, ATTR_BYTES));
        return ATTR_OUT_BYTES;
    }

    private void attr(long node, MemorySegment attr) {
        boolean dir = node == ROOT_NODE;
        long size = dir ? 0 : file.sizeBytes();
        attr.fill((byte) 0);
        attr.set(U64, ATTR_INO, node);
        attr.set(U64, ATTR_SIZE, size);
        attr.set(U64, ATTR_BLOCKS, (size + 511) / 512);
        attr.set(U64, ATTR_ATIME, mountSeconds);
        attr.set(U64, ATTR_MTIME, mountSeconds);
        attr.set(U64, ATTR_CTIME, mountSeconds);
        attr.set(U32, ATTR_MODE, dir ? S_IFDIR | 0555 : S_IFREG | 0444);
        attr.set(U32, ATTR_NLINK, dir ? 2 : 1);
        attr.set(U32, ATTR_BLKSIZE, 4096);
    }

    private int open(long node, MemorySegment arg, MemorySegment body) {
        if (node != FILE_NODE) {
            return -ENOENT;
        }
        if ((arg.get(U32, OPEN_IN_FLAGS) & O_ACCMODE) != 0) {
            return -EROFS;
        }
        return openOut(directIo ? FOPEN_DIRECT_IO : 0, body);
    }

    private static int openOut(int flags, MemorySegment body) {
        body.asSlice(0, OPEN_OUT_BYTES).fill((byte) 0);
        body.set(U32, OPEN_OUT_FLAGS, flags);
        return OPEN_OUT_BYTES;
    }

    private int read(long node, MemorySegment arg, MemorySegment body) {
        if (node != FILE_NODE) {
            return -ENOENT;
        }
        long offset = arg.get(U64, READ_IN_OFFSET);
        long size = Math.min(Integer.toUnsignedLong(arg.get(U32, READ_IN_SIZE)), maxReadBytes);
        long available = Math.max(0, file.sizeBytes() - offset);
        int length = (int) Math.min(size, available);
        if (length == 0) {
            return 0;
        }
        try {
            return file.read(offset, body.asSlice(0, length));
        } catch (FuseFile.ReadFault fault) {
            return -fault.errno();
        }
    }

    private int readdir(MemorySegment arg, MemorySegment body) {
        long offset = arg.get(U64, READ_IN_OFFSET);
        long size = Math.min(Integer.toUnsignedLong(arg.get(U32, READ_IN_SIZE)), maxReadBytes);
        List<byte[]> names = List.of(new byte[] {'.'}, new byte[] {'.', '.'}, fileName);
        int written = 0;
        for (int i = (int) Math.min(offset, names.size()); i < names.size(); i++) {
            byte[] name = names.get(i);
            int entryBytes = align8(DIRENT_NAME + name.length);
            if (written + entryBytes > size) {
                break;
            }
            MemorySegment entry = body.asSlice(written, entryBytes);
            entry.fill((byte) 0);
            entry.set(U64, 0, i == 2 ? FILE_NODE : ROOT_NODE);
            entry.set(U64, 8, i + 1);
            entry.set(U32, 16, name.length);
            entry.set(U32, 20, i == 2 ? DT_REG : DT_DIR);
            MemorySegment.copy(name, 0, entry, ValueLayout.JAVA_BYTE, DIRENT_NAME, name.length);
            written += entryBytes;
        }
        return written;
    }

    private int statfs(MemorySegment body) {
        body.asSlice(0, STATFS_OUT_BYTES).fill((byte) 0);
        body.set(U64, STATFS_BLOCKS, (file.sizeBytes() + 511) / 512);
        body.set(U32, STATFS_BSIZE, 512);
        body.set(U32, STATFS_NAMELEN, 255);
        body.set(U32, STATFS_FRSIZE, 512);
        return STATFS_OUT_BYTES;
    }
}

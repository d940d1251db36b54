package dev.exhibit.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The read loop of containers that cut the disk into equal blocks (QCOW2 clusters, VDI blocks, sparse bands): the
 * bounds of {@link MediaReader#read}, then one call per block the request touches.
 */
public final class BlockReads {
    /** Fills one block's part of a read. */
    @FunctionalInterface
    public interface Block {
        /** Fills {@code part} (all of it) with the bytes of block {@code index} from {@code within} on. */
        void fill(long index, long within, ByteBuffer part) throws IOException;
    }

    private BlockReads() {}

    /** {@link MediaReader#read} over blocks of {@code blockBytes}: -1 at or past the end, fewer bytes only there. */
    public static int read(long byteOffset, ByteBuffer dst, long mediaBytes, long blockBytes, Block block)
            throws IOException {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("negative media offset " + byteOffset);
        }
        if (byteOffset >= mediaBytes) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int total = 0;
        long pos = byteOffset;
        while (dst.hasRemaining() && pos < mediaBytes) {
            long within = pos % blockBytes;
            int n = (int) Math.min(dst.remaining(), Math.min(blockBytes - within, mediaBytes - pos));
            block.fill(pos / blockBytes, within, dst.slice(dst.position(), n));
            dst.position(dst.position() + n);
            pos += n;
            total += n;
        }
        return total;
    }

    /** Reads into {@code b} from {@code offset} until it is full or the file ends. */
    public static void readUpTo(FileChannel ch, long offset, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                return;
            }
        }
    }

    /** Fills the rest of {@code b} with zeros. */
    public static void zeros(ByteBuffer b) {
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
    }
}

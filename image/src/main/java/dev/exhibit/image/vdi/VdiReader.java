package dev.exhibit.image.vdi;

import dev.exhibit.image.BlockReads;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the disk of a VirtualBox VDI image (version 1.1, dynamic or fixed), opened read-only: a little-endian header,
 * a block map of 32-bit entries (a block's index in the data area; {@code 0xFFFFFFFF} never written,
 * {@code 0xFFFFFFFE} zeroed; both read as zeros), and the data area. Differencing images are refused (they need their
 * parent). The header and map are checked against the file at open; each block's place at each read.
 */
public final class VdiReader implements MediaReader {
    static final int SIGNATURE = 0xBEDA107F;
    private static final int FREE = 0xFFFFFFFF;
    private static final int ZERO = 0xFFFFFFFE;

    private final Path file;
    private final FileChannel channel;
    private final long fileBytes;
    private final long mediaBytes;
    private final int blockBytes;
    private final long dataOffset;
    private final int blockExtra;
    private final int[] map;
    private final int imageType;

    private VdiReader(Path file, FileChannel ch, ByteBuffer h, int[] map) throws IOException {
        this.file = file;
        this.channel = ch;
        this.fileBytes = ch.size();
        this.imageType = h.getInt(76);
        this.dataOffset = h.getInt(344) & 0xFFFFFFFFL;
        this.mediaBytes = h.getLong(368);
        this.blockBytes = h.getInt(376);
        this.blockExtra = h.getInt(380);
        this.map = map;
    }

    /** Whether a file's first bytes carry the VDI signature at byte 64. */
    public static boolean startsLikeVdi(byte[] head) {
        return head.length >= 68
                && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(64) == SIGNATURE;
    }

    public static VdiReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer h = read(ch, file, 0, 400, "VDI header").order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(64) != SIGNATURE) {
                throw bad(file, 64, "no VDI signature");
            }
            int version = h.getInt(68);
            if (version >>> 16 != 1) {
                throw bad(file, 68, "version " + (version >>> 16) + "." + (version & 0xFFFF) + ", not 1.x");
            }
            int type = h.getInt(76);
            if (type == 4) {
                throw bad(file, 76, "a differencing image, which needs its parent image; Exhibit does not read it");
            }
            if (type != 1 && type != 2) {
                throw bad(file, 76, "image type " + type + ", not 1 (dynamic) or 2 (fixed)");
            }
            long mapOffset = h.getInt(340) & 0xFFFFFFFFL;
            long dataOffset = h.getInt(344) & 0xFFFFFFFFL;
            long media = h.getLong(368);
            int block = h.getInt(376);
            int extra = h.getInt(380);
            long blocks = h.getInt(384) & 0xFFFFFFFFL;
            if (block < 512 || Integer.bitCount(block) != 1 || block > (64 << 20)) {
                throw bad(file, 376, "block size of " + block + " bytes, not a power of two from 512 B to 64 MiB");
            }
            if (extra < 0 || extra > block) {
                throw bad(file, 380, "block extra data of " + extra + " bytes");
            }
            if (media < 0 || blocks * block < media || blocks > (64L << 20)) {
                throw bad(file, 384, blocks + " blocks of " + block + " bytes for a disk of " + media + " bytes");
            }
            if (mapOffset < 400 || mapOffset + 4 * blocks > size || dataOffset > size) {
                throw bad(
                        file,
                        340,
                        "block map at byte " + mapOffset + " (" + 4 * blocks
                                + " bytes) or data at byte " + dataOffset + " lies past the end of the file (" + size
                                + " bytes)");
            }
            ByteBuffer m = read(ch, file, mapOffset, (int) (4 * blocks), "VDI block map")
                    .order(ByteOrder.LITTLE_ENDIAN);
            int[] map = new int[(int) blocks];
            for (int i = 0; i < map.length; i++) {
                map[i] = m.getInt(4 * i);
            }
            return new VdiReader(file, ch, h, map);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long sizeBytes() {
        return mediaBytes;
    }

    @Override
    public int sectorBytes() {
        return 512;
    }

    @Override
    public String format() {
        return "vdi";
    }

    /** {@code dynamic} or {@code fixed}. */
    public String imageType() {
        return imageType == 2 ? "fixed" : "dynamic";
    }

    /** How many blocks are stored, zeroed, and never written. */
    public long[] blockCensus() {
        long[] c = new long[3];
        for (int e : map) {
            c[e == FREE ? 2 : e == ZERO ? 1 : 0]++;
        }
        return c;
    }

    public int blockBytes() {
        return blockBytes;
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        return BlockReads.read(byteOffset, dst, mediaBytes, blockBytes, (index, within, part) -> {
            int entry = map[(int) index];
            if (entry == FREE || entry == ZERO) {
                BlockReads.zeros(part);
                return;
            }
            long at = dataOffset + (entry & 0xFFFFFFFFL) * (blockBytes + (long) blockExtra) + blockExtra + within;
            if (entry < 0 || at + part.remaining() > fileBytes) {
                throw MediaFormatException.at(
                        file,
                        "VDI block map entry " + index,
                        0,
                        "block " + (entry & 0xFFFFFFFFL) + " lies past the end of the file (" + fileBytes + " bytes)");
            }
            readFully(at, part);
        });
    }

    private void readFully(long offset, ByteBuffer b) throws IOException {
        long at = offset;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw new EOFException(MediaFormatException.where(file, "VDI data block", offset) + ": file ends");
            }
            at += n;
        }
    }

    private static ByteBuffer read(FileChannel ch, Path file, long offset, int length, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new EOFException(MediaFormatException.where(file, what, offset) + ": the file ends at byte "
                        + (offset + b.position()) + ", before the " + length + " bytes it should hold");
            }
        }
        return b.flip();
    }

    private static MediaFormatException bad(Path file, long byteOffset, String what) {
        return MediaFormatException.at(file, "VDI header field", byteOffset, what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package dev.exhibit.image.sparse;

import dev.exhibit.image.BlockReads;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the disk of an Apple {@code .sparseimage} (UDSP), opened read-only: a 4,096-byte big-endian header ({@code
 * sprs}, sectors per band, the disk's size in 512-byte sectors) whose table from byte 64 lists, for each band stored in
 * the file in turn, which band of the disk it holds (plus one; 0 ends the list). Bands never stored read as zeros.
 * A band listed twice, a band number past the disk, or a stored band past the end of the file is refused.
 */
public final class SparseImageReader implements MediaReader {
    static final int HEADER_BYTES = 4096;
    private static final int TABLE_AT = 64;

    private final Path file;
    private final FileChannel channel;
    private final long mediaBytes;
    private final long bandBytes;
    /** For each band of the disk, the file offset of its bytes, or -1 when never stored. */
    private final long[] bandOffsets;

    private SparseImageReader(Path file, FileChannel channel, long mediaBytes, long bandBytes, long[] bandOffsets) {
        this.file = file;
        this.channel = channel;
        this.mediaBytes = mediaBytes;
        this.bandBytes = bandBytes;
        this.bandOffsets = bandOffsets;
    }

    public static SparseImageReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            while (h.hasRemaining()) {
                if (ch.read(h, h.position()) < 0) {
                    throw new EOFException(MediaFormatException.where(file, "sparse image header", 0)
                            + ": the file ends at byte " + h.position() + ", before the header's 4096 bytes");
                }
            }
            if (h.getInt(0) != 0x73707273) { // "sprs"
                throw bad(file, 0, "no 'sprs' signature");
            }
            long sectorsPerBand = h.getInt(8) & 0xFFFFFFFFL;
            long sectors = h.getInt(16) & 0xFFFFFFFFL;
            if (sectorsPerBand == 0 || sectorsPerBand > (1L << 20)) {
                throw bad(file, 8, sectorsPerBand + " sectors per band");
            }
            long bandBytes = sectorsPerBand * 512;
            long bands = (sectors + sectorsPerBand - 1) / sectorsPerBand;
            if (bands > (1 << 24)) {
                throw bad(file, 16, "a disk of " + sectors + " sectors in " + bands + " bands");
            }
            long[] offsets = new long[(int) bands];
            java.util.Arrays.fill(offsets, -1);
            for (int i = 0; TABLE_AT + 4 * i + 4 <= HEADER_BYTES; i++) {
                long entry = h.getInt(TABLE_AT + 4 * i) & 0xFFFFFFFFL;
                if (entry == 0) {
                    break;
                }
                long at = HEADER_BYTES + i * bandBytes;
                if (entry > bands) {
                    throw bad(
                            file,
                            TABLE_AT + 4 * i,
                            "stored band " + i + " claims band " + (entry - 1) + " of a disk of " + bands + " bands");
                }
                if (offsets[(int) (entry - 1)] >= 0) {
                    throw bad(file, TABLE_AT + 4 * i, "band " + (entry - 1) + " is stored twice");
                }
                if (at >= size) {
                    throw bad(
                            file,
                            TABLE_AT + 4 * i,
                            "stored band " + i + " at byte " + at + " lies past the end of the file (" + size
                                    + " bytes)");
                }
                offsets[(int) (entry - 1)] = at;
            }
            return new SparseImageReader(file, ch, sectors * 512, bandBytes, offsets);
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
        return "sparseimage";
    }

    /** Bands of the disk stored in the file, and never stored (zeros). */
    public long[] bandCensus() {
        long stored = java.util.Arrays.stream(bandOffsets).filter(o -> o >= 0).count();
        return new long[] {stored, bandOffsets.length - stored};
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        return BlockReads.read(byteOffset, dst, mediaBytes, bandBytes, (band, within, part) -> {
            long at = bandOffsets[(int) band];
            if (at < 0) {
                BlockReads.zeros(part);
                return;
            }
            // the last stored band may be cut short by the end of the file: what is missing reads as zeros
            BlockReads.readUpTo(channel, at + within, part);
            BlockReads.zeros(part);
        });
    }

    private static MediaFormatException bad(Path file, long byteOffset, String what) {
        return MediaFormatException.at(file, "sparse image header", byteOffset, what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

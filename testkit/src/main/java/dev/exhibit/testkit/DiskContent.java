package dev.exhibit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes a faulty device holds where its sectors are readable: a backing image file, or a generated pattern so that
 * a large device needs no large file. Thread-safe.
 */
public sealed interface DiskContent extends AutoCloseable permits DiskContent.BackingFile, DiskContent.Pattern {
    int SECTOR_BYTES = 512;

    long sizeBytes();

    /** Fills {@code destination} with the bytes at {@code byteOffset}; the range lies within {@link #sizeBytes()}. */
    void read(long byteOffset, MemorySegment destination) throws IOException;

    @Override
    default void close() throws IOException {}

    /** The bytes at {@code byteOffset}, as a reader of the device should see them. */
    default byte[] bytes(long byteOffset, int lengthBytes) throws IOException {
        byte[] out = new byte[lengthBytes];
        read(byteOffset, MemorySegment.ofArray(out));
        return out;
    }

    static DiskContent file(Path image) throws IOException {
        return new BackingFile(image, FileChannel.open(image, StandardOpenOption.READ));
    }

    /**
     * A pattern of {@code sizeBytes} (a multiple of 512): each 512-byte sector starts with its sector number as a
     * little-endian 64-bit integer (so a misplaced sector is recognisable), followed by 63 pseudo-random 64-bit words
     * from SplitMix64 seeded with {@code seed} and the sector number.
     */
    static DiskContent pattern(long sizeBytes, long seed) {
        if (sizeBytes <= 0 || sizeBytes % SECTOR_BYTES != 0) {
            throw new IllegalArgumentException(
                    "sizeBytes (" + sizeBytes + ") must be a positive multiple of " + SECTOR_BYTES);
        }
        return new Pattern(sizeBytes, seed);
    }

    /** Content read from an image file. */
    record BackingFile(Path image, FileChannel channel) implements DiskContent {
        @Override
        public long sizeBytes() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void read(long byteOffset, MemorySegment destination) throws IOException {
            ByteBuffer buffer = destination.asByteBuffer();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, byteOffset + buffer.position());
                if (n < 0) {
                    throw new IOException(image + ": ends before byte " + (byteOffset + buffer.position()));
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Generated content; see {@link DiskContent#pattern}. */
    record Pattern(long sizeBytes, long seed) implements DiskContent {
        private static final ValueLayout.OfLong WORD =
                ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

        @Override
        public void read(long byteOffset, MemorySegment destination) {
            long end = byteOffset + destination.byteSize();
            MemorySegment sector = MemorySegment.ofArray(new long[SECTOR_BYTES / 8]);
            for (long s = byteOffset / SECTOR_BYTES; s * SECTOR_BYTES < end; s++) {
                long sectorStart = s * SECTOR_BYTES;
                long from = Math.max(byteOffset, sectorStart);
                long to = Math.min(end, sectorStart + SECTOR_BYTES);
                if (from == sectorStart && to == sectorStart + SECTOR_BYTES) {
                    fill(s, destination.asSlice(from - byteOffset, SECTOR_BYTES));
                } else {
                    fill(s, sector);
                    MemorySegment.copy(sector, from - sectorStart, destination, from - byteOffset, to - from);
                }
            }
        }

        private void fill(long sectorNumber, MemorySegment sector) {
            sector.set(WORD, 0, sectorNumber);
            long state = seed ^ (sectorNumber * 0x9E3779B97F4A7C15L);
            for (int i = 8; i < SECTOR_BYTES; i += 8) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                sector.set(WORD, i, z ^ (z >>> 31));
            }
        }
    }
}

package dev.exhibit.image.sparse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The read loop both Apple sparse formats share: the disk cut into equal bands, each stored or not. */
final class Bands {
    interface BandReader {
        /** Fills {@code part} with the bytes of {@code band} from {@code within}. */
        void fill(int band, long within, ByteBuffer part) throws IOException;
    }

    private Bands() {}

    static int read(long byteOffset, ByteBuffer dst, long mediaBytes, long bandBytes, BandReader bands)
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
            long within = pos % bandBytes;
            int n = (int) Math.min(dst.remaining(), Math.min(bandBytes - within, mediaBytes - pos));
            bands.fill((int) (pos / bandBytes), within, dst.slice(dst.position(), n));
            dst.position(dst.position() + n);
            pos += n;
            total += n;
        }
        return total;
    }

    /** Reads into {@code b} from {@code offset} until it is full or the file ends. */
    static void readUpTo(FileChannel ch, long offset, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + b.position());
            if (n < 0) {
                return;
            }
        }
    }

    static void zeros(ByteBuffer b) {
        while (b.hasRemaining()) {
            b.put((byte) 0);
        }
    }
}

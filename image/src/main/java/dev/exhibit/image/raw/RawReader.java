package dev.exhibit.image.raw;

import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A raw image (a file of the media's bytes), opened read-only: the container every other one decodes to. */
public final class RawReader implements MediaReader {
    private final FileChannel channel;
    private final long sizeBytes;

    private RawReader(FileChannel channel, long sizeBytes) {
        this.channel = channel;
        this.sizeBytes = sizeBytes;
    }

    public static RawReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new RawReader(ch, ch.size());
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public int sectorBytes() {
        return 512;
    }

    @Override
    public String format() {
        return "raw";
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("negative media offset " + byteOffset);
        }
        if (byteOffset >= sizeBytes) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int total = 0;
        while (dst.hasRemaining() && byteOffset + total < sizeBytes) {
            int n = channel.read(dst, byteOffset + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

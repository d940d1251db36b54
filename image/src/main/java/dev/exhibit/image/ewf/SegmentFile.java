package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file being written: appends go through a buffer, so chunks reach the kernel in large writes. Every
 * IOException names the file and the byte offset (a full disk says where it stopped).
 */
final class SegmentFile implements AutoCloseable {
    static final int BUFFER_BYTES = 4 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** File offset of the first byte in the buffer. */
    private long flushed;

    private SegmentFile(Path path, FileChannel channel, long position) {
        this.path = path;
        this.channel = channel;
        this.flushed = position;
    }

    /** A new file; an existing one is never overwritten. */
    static SegmentFile create(Path path) throws IOException {
        return new SegmentFile(
                path,
                FileChannel.open(
                        path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ),
                0);
    }

    /** An existing file, cut at {@code length} bytes, to append to. */
    static SegmentFile reopen(Path path, long length) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            ch.truncate(length);
        } catch (IOException e) {
            ch.close();
            throw new IOException(path.getFileName() + ": cannot cut to " + length + " bytes: " + e.getMessage(), e);
        }
        return new SegmentFile(path, ch, length);
    }

    Path path() {
        return path;
    }

    /** The offset the next appended byte goes to. */
    long position() {
        return flushed + buffer.position();
    }

    void append(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), bytes.length - off);
            buffer.put(bytes, off, n);
            off += n;
        }
    }

    /** Writes at an offset before {@link #position()} (the sectors descriptor, once its size is known). */
    void writeAt(long offset, byte[] bytes) throws IOException {
        flush();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            while (b.hasRemaining()) {
                channel.write(b, offset + b.position());
            }
        } catch (IOException e) {
            throw failure("write", bytes.length, offset, e);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                int n = channel.write(buffer, flushed);
                flushed += n;
            }
        } catch (IOException e) {
            throw failure("write", buffer.remaining(), flushed, e);
        } finally {
            buffer.compact();
        }
    }

    /** Flushes and asks the kernel to put everything on the disk. */
    void sync() throws IOException {
        flush();
        try {
            channel.force(true);
        } catch (IOException e) {
            throw failure("sync", 0, flushed, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }

    private IOException failure(String what, int bytes, long offset, IOException e) {
        return new IOException(
                path.getFileName() + ": cannot " + what + (bytes > 0 ? " " + bytes + " bytes" : "") + " at byte offset "
                        + offset + ": " + e.getMessage(),
                e);
    }
}

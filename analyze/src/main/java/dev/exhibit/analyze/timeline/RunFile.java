package dev.exhibit.analyze.timeline;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A sorted run spilled to a temporary file: events one after the other, each {@code i64 seconds, i32 nanoseconds,
 * u8 MACB, u16 image, i32 payload length, payload}, little-endian. Written and read sequentially through one buffer
 * each, with events formatted and parsed in place: merging many runs costs a buffer per run and no copy per event.
 */
final class RunFile {
    /** Bytes before the payload. */
    static final int HEAD = Long.BYTES + Integer.BYTES + 1 + Short.BYTES + Integer.BYTES;

    private static final int MACB = 12;
    private static final int IMAGE = 13;
    private static final int LENGTH = 15;

    private RunFile() {}

    /** Appends events to a new run file. */
    static final class Writer implements Closeable {
        private final FileChannel channel;
        private byte[] buf;
        private int n;

        Writer(Path file, int bufferBytes) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.buf = new byte[bufferBytes];
        }

        void write(long seconds, int nanos, int macb, int image, byte[] payload, int at, int length)
                throws IOException {
            if (n + HEAD + length > buf.length) {
                flush();
                if (HEAD + length > buf.length) {
                    buf = new byte[HEAD + length];
                }
            }
            LineRecord.I64.set(buf, n, seconds);
            LineRecord.I32.set(buf, n + Long.BYTES, nanos);
            buf[n + MACB] = (byte) macb;
            buf[n + IMAGE] = (byte) image;
            buf[n + IMAGE + 1] = (byte) (image >>> 8);
            LineRecord.I32.set(buf, n + LENGTH, length);
            System.arraycopy(payload, at, buf, n + HEAD, length);
            n += HEAD + length;
        }

        private void flush() throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            n = 0;
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                flush();
            }
        }
    }

    /** Reads a run's events in order into a {@link Row} that points into the read buffer. */
    static final class Reader implements Closeable {
        private final FileChannel channel;
        private byte[] buf;
        private int pos;
        private int end;
        private boolean eof;
        final Row row = new Row();

        Reader(Path file, int bufferBytes) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.buf = new byte[bufferBytes];
        }

        /** Reads the next event into {@link #row} (the one before is gone); false at the end of the run. */
        boolean next() throws IOException {
            if (!available(HEAD)) {
                if (pos < end) {
                    throw new IOException("a timeline run file ends inside an event");
                }
                return false;
            }
            int length = (int) LineRecord.I32.get(buf, pos + LENGTH);
            if (!available(HEAD + length)) {
                throw new IOException("a timeline run file ends inside an event");
            }
            row.seconds = (long) LineRecord.I64.get(buf, pos);
            row.nanos = (int) LineRecord.I32.get(buf, pos + Long.BYTES);
            row.macb = buf[pos + MACB];
            row.image = (buf[pos + IMAGE] & 0xFF) | (buf[pos + IMAGE + 1] & 0xFF) << 8;
            row.payload(buf, pos + HEAD);
            pos += HEAD + length;
            return true;
        }

        /** Whether {@code bytes} bytes from {@link #pos} are in the buffer, reading more as needed. */
        private boolean available(int bytes) throws IOException {
            if (end - pos >= bytes) {
                return true;
            }
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
            if (bytes > buf.length) {
                buf = Arrays.copyOf(buf, bytes);
            }
            while (end < bytes && !eof) {
                int r = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                }
            }
            return end - pos >= bytes;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}

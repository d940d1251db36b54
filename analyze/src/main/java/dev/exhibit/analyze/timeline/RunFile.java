package dev.exhibit.analyze.timeline;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A sorted run spilled to a temporary file: events one after the other, each {@code i64 seconds, i32 nanoseconds,
 * u8 MACB, u16 image, i32 payload length, payload}, little-endian. Written and read sequentially through buffers of
 * fixed size, so merging many runs costs a buffer each and nothing per event.
 */
final class RunFile {
    /** Bytes before the payload. */
    static final int HEAD = Long.BYTES + Integer.BYTES + 1 + Short.BYTES + Integer.BYTES;

    private RunFile() {}

    /** Appends events to a new run file. */
    static final class Writer implements Closeable {
        private final OutputStream out;
        private final byte[] head = new byte[HEAD];
        private long events;

        Writer(Path file, int bufferBytes) throws IOException {
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), bufferBytes);
        }

        void write(long seconds, int nanos, int macb, int image, byte[] payload, int at, int length)
                throws IOException {
            LineRecord.I64.set(head, 0, seconds);
            LineRecord.I32.set(head, 8, nanos);
            head[12] = (byte) macb;
            head[13] = (byte) image;
            head[14] = (byte) (image >>> 8);
            LineRecord.I32.set(head, 15, length);
            out.write(head);
            out.write(payload, at, length);
            events++;
        }

        long events() {
            return events;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads a run's events in order into a {@link Row}. */
    static final class Reader implements Closeable {
        private final InputStream in;
        private final byte[] head = new byte[HEAD];
        private byte[] payload = new byte[256];
        final Row row = new Row();
        /** Whether {@link #row} holds an event (false at the end of the run). */
        boolean present;

        Reader(Path file, int bufferBytes) throws IOException {
            this.in = new java.io.BufferedInputStream(Files.newInputStream(file), bufferBytes);
        }

        /** Reads the next event; false at the end. */
        boolean next() throws IOException {
            int n = in.readNBytes(head, 0, HEAD);
            if (n == 0) {
                present = false;
                return false;
            }
            if (n < HEAD) {
                throw new IOException("a timeline run file ends inside an event");
            }
            int length = (int) LineRecord.I32.get(head, 15);
            if (payload.length < length) {
                payload = Arrays.copyOf(payload, Math.max(length, payload.length * 2));
            }
            if (in.readNBytes(payload, 0, length) < length) {
                throw new IOException("a timeline run file ends inside an event");
            }
            row.seconds = (long) LineRecord.I64.get(head, 0);
            row.nanos = (int) LineRecord.I32.get(head, 8);
            row.macb = head[12];
            row.image = (head[13] & 0xFF) | (head[14] & 0xFF) << 8;
            row.payload(payload, 0);
            present = true;
            return true;
        }

        int payloadLength() {
            return (int) LineRecord.I32.get(head, 15);
        }

        byte[] payload() {
            return payload;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

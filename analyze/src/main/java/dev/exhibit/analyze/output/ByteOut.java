package dev.exhibit.analyze.output;

import dev.exhibit.analyze.tsk.Mem;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A large output buffer of whole records. Listings are written record by record ({@link #endRecord()}); a flush
 * writes only complete records, so the output never ends in half a line. The sandbox worker also gives it a mirror,
 * a buffer it maps from a file shared with its supervisor: each completed record is copied there, so that when libtsk
 * kills the worker the supervisor can still deliver every record completed before the crash ({@link Progress}).
 * Records are formatted in a heap array, where the JIT writes fastest, and copied to the mirror once.
 */
public final class ByteOut implements Closeable {
    /** Default buffer: large enough that a million-line listing costs ~100 write calls. */
    public static final int DEFAULT_CAPACITY_BYTES = 1 << 20;

    private final byte[] buffer;
    private final WritableByteChannel target;
    private final MemorySegment mirror;
    private final Progress progress;
    private final byte[] digits = new byte[20];
    private int pos;
    private int committed;

    /** Publishes how far the buffer holds complete records, for recovery after a crash; see the sandbox. */
    public interface Progress {
        /** Bytes at the start of the mirror that are complete records not yet written to the target. */
        void committed(long bytes);
    }

    private ByteOut(int capacity, WritableByteChannel target, MemorySegment mirror, Progress progress) {
        this.buffer = new byte[capacity];
        this.target = target;
        this.mirror = mirror;
        this.progress = progress;
    }

    public static ByteOut to(WritableByteChannel target) {
        return new ByteOut(DEFAULT_CAPACITY_BYTES, target, null, null);
    }

    /** With a mirror of complete records (a shared mapping as large as the buffer), reporting to {@code progress}. */
    public static ByteOut mirrored(WritableByteChannel target, MemorySegment mirror, Progress progress) {
        return new ByteOut(Math.toIntExact(mirror.byteSize()), target, mirror, progress);
    }

    public ByteOut write(int b) throws IOException {
        if (pos == buffer.length) {
            makeRoom(1);
        }
        buffer[pos++] = (byte) b;
        return this;
    }

    public ByteOut write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.length - pos) {
            if (len > buffer.length) {
                for (int i = 0; i < len; i += buffer.length) {
                    write(b, off + i, Math.min(buffer.length, len - i));
                }
                return this;
            }
            makeRoom(len);
        }
        System.arraycopy(b, off, buffer, pos, len);
        pos += len;
        return this;
    }

    public ByteOut write(byte[] b) throws IOException {
        return write(b, 0, b.length);
    }

    /**
     * Copies {@code len} bytes from native memory at {@code address} (a name in libtsk's structures) and returns the
     * index in {@link #array()} where they start, for a caller that rewrites them in place.
     */
    public int writeNative(long address, int len) throws IOException {
        if (len > buffer.length - pos) {
            if (len > buffer.length) {
                byte[] copy = new byte[len];
                Mem.copy(address, copy, 0, len);
                write(copy, 0, len);
                return -1;
            }
            makeRoom(len);
        }
        int at = pos;
        Mem.copy(address, buffer, pos, len);
        pos += len;
        return at;
    }

    /** The buffer, for in-place rewrites of bytes just written ({@link #writeNative}). */
    byte[] array() {
        return buffer;
    }

    /** An ASCII text (callers pass only ASCII). */
    public ByteOut ascii(String s) throws IOException {
        int n = s.length();
        if (n > buffer.length - pos) {
            makeRoom(n);
        }
        for (int i = 0; i < n; i++) {
            buffer[pos++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** A signed decimal number. */
    public ByteOut decimal(long v) throws IOException {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            write('-');
            v = -v;
        }
        return unsignedDecimal(v);
    }

    /** {@code v} read as an unsigned 64-bit number, as inode numbers are. */
    public ByteOut unsignedDecimal(long v) throws IOException {
        if (v < 0) {
            return ascii(Long.toUnsignedString(v));
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return write(digits, i, digits.length - i);
    }

    /** The low {@code width} decimal digits of {@code v} (not negative), zero-padded: fixed-width time fields. */
    public ByteOut digits(long v, int width) throws IOException {
        if (width > buffer.length - pos) {
            makeRoom(width);
        }
        for (int i = pos + width - 1; i >= pos; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += width;
        return this;
    }

    /** Marks the end of a complete record: from here on it survives a crash of the process. */
    public void endRecord() {
        if (mirror != null) {
            MemorySegment.copy(buffer, committed, mirror, ValueLayout.JAVA_BYTE, committed, pos - committed);
            committed = pos;
            progress.committed(pos);
        } else {
            committed = pos;
        }
    }

    /** Writes every complete record to the target and keeps the incomplete tail in the buffer. */
    public void flush() throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, committed);
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
        int tail = pos - committed;
        System.arraycopy(buffer, committed, buffer, 0, tail);
        pos = tail;
        committed = 0;
        if (progress != null) {
            progress.committed(0);
        }
    }

    /** Bytes buffered but not yet written, complete or not. */
    public long pending() {
        return pos;
    }

    /** Flushes; a record left incomplete is completed first, since the caller ended its output. */
    @Override
    public void close() throws IOException {
        endRecord();
        flush();
    }

    private void makeRoom(int n) throws IOException {
        if (committed == 0) {
            // a single record longer than the buffer cannot stay whole: write what there is
            endRecord();
        }
        flush();
        if (n > buffer.length - pos) {
            endRecord();
            flush();
        }
    }
}

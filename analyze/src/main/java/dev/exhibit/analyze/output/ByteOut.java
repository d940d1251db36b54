package dev.exhibit.analyze.output;

import dev.exhibit.analyze.tsk.Mem;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * A large output buffer of whole records. Listings are written record by record ({@link #endRecord()}); a flush
 * writes only complete records, so the output never ends in half a line. The buffer is native memory: names are
 * copied into it straight from libtsk's memory, and the sandbox worker maps it from a shared file, so that when
 * libtsk kills the worker the supervisor can still deliver every record completed before the crash
 * ({@link Progress}).
 */
public final class ByteOut implements Closeable {
    /** Default buffer: large enough that a million-line listing costs ~100 write calls. */
    public static final int DEFAULT_CAPACITY_BYTES = 1 << 20;

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final MemorySegment buffer;
    private final long capacity;
    private final WritableByteChannel target;
    private final Progress progress;
    private final Arena arena;
    private final byte[] scratch = new byte[20];
    private long pos;
    private long committed;

    /** Publishes how far the buffer holds complete records, for recovery after a crash; see the sandbox. */
    public interface Progress {
        /** Bytes at the start of the buffer that are complete records not yet written to the target. */
        void committed(long bytes);
    }

    private ByteOut(MemorySegment buffer, WritableByteChannel target, Progress progress, Arena arena) {
        this.buffer = buffer;
        this.capacity = buffer.byteSize();
        this.target = target;
        this.progress = progress;
        this.arena = arena;
    }

    /** A buffer of its own in native memory. */
    public static ByteOut to(WritableByteChannel target) {
        Arena arena = Arena.ofConfined();
        return new ByteOut(arena.allocate(DEFAULT_CAPACITY_BYTES), target, bytes -> {}, arena);
    }

    /** Over a caller's buffer (a shared mapping), reporting progress to {@code progress}. */
    public static ByteOut over(MemorySegment buffer, WritableByteChannel target, Progress progress) {
        return new ByteOut(buffer, target, progress, null);
    }

    public ByteOut write(int b) throws IOException {
        ensure(1);
        buffer.set(ValueLayout.JAVA_BYTE, pos++, (byte) b);
        return this;
    }

    public ByteOut write(byte[] b, int off, int len) throws IOException {
        if (len > capacity) {
            for (int i = 0; i < len; i += (int) capacity) {
                write(b, off + i, (int) Math.min(capacity, len - i));
            }
            return this;
        }
        ensure(len);
        MemorySegment.copy(b, off, buffer, ValueLayout.JAVA_BYTE, pos, len);
        pos += len;
        return this;
    }

    public ByteOut write(byte[] b) throws IOException {
        return write(b, 0, b.length);
    }

    /** Copies {@code len} bytes from native memory at {@code address} (a name in libtsk's structures). */
    public ByteOut writeNative(long address, int len) throws IOException {
        if (len > capacity) {
            byte[] copy = new byte[len];
            Mem.copy(address, copy, 0, len);
            return write(copy, 0, len);
        }
        ensure(len);
        MemorySegment.copy(Mem.ALL, address, buffer, pos, len);
        pos += len;
        return this;
    }

    /** An ASCII text (callers pass only ASCII). */
    public ByteOut ascii(String s) throws IOException {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer.set(ValueLayout.JAVA_BYTE, pos++, (byte) s.charAt(i));
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
        int i = scratch.length;
        do {
            scratch[--i] = DIGITS[(int) (v % 10)];
            v /= 10;
        } while (v != 0);
        return write(scratch, i, scratch.length - i);
    }

    /** Marks the end of a complete record: from here on it survives a crash of the process. */
    public void endRecord() {
        committed = pos;
        progress.committed(pos);
    }

    /** Writes every complete record to the target and keeps the incomplete tail in the buffer. */
    public void flush() throws IOException {
        ByteBuffer bytes = buffer.asSlice(0, committed).asByteBuffer();
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
        long tail = pos - committed;
        if (tail > 0) {
            MemorySegment.copy(buffer, committed, buffer, 0, tail);
        }
        pos = tail;
        committed = 0;
        progress.committed(0);
    }

    /** Bytes buffered but not yet written, complete or not. */
    public long pending() {
        return pos;
    }

    /** Flushes (a record left incomplete is completed first: the caller ended its output) and frees the buffer. */
    @Override
    public void close() throws IOException {
        try {
            endRecord();
            flush();
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    private void ensure(long n) throws IOException {
        if (pos + n <= capacity) {
            return;
        }
        if (committed == 0) {
            // a single record longer than the buffer: it cannot stay whole, write what there is
            committed = pos;
        }
        flush();
        if (pos + n > capacity) {
            committed = pos;
            flush();
        }
    }
}

package dev.exhibit.image.ewf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One libdeflate zlib decompressor, bound through {@code java.lang.foreign}: checking an E01 inflates every compressed
 * chunk, and libdeflate does that in about half the CPU of {@code java.util.zip.Inflater} (the same reason as
 * {@link Libdeflate}). It also checks each stream's Adler-32. One per thread.
 */
final class LibdeflateInflater implements AutoCloseable {
    /** {@code enum libdeflate_result}. */
    static final int SUCCESS = 0;

    static final int BAD_DATA = 1;
    static final int INSUFFICIENT_SPACE = 3;

    private final MemorySegment decompressor;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment actualIn;
    private final MemorySegment actualOut;
    /** Native copies of the stream and room for its output, grown (rarely: chunks have one size) when too small. */
    private Arena buffers;

    private MemorySegment input;
    private MemorySegment output;
    private boolean closed;
    private long consumed;
    private long produced;

    LibdeflateInflater() {
        if (Libdeflate.Native.UNAVAILABLE != null) {
            throw new IllegalStateException(Libdeflate.Native.UNAVAILABLE);
        }
        try {
            decompressor = (MemorySegment) Libdeflate.Native.ALLOC_DECOMPRESSOR.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("libdeflate_alloc_decompressor failed", t);
        }
        if (decompressor.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("libdeflate_alloc_decompressor returned NULL (memory is exhausted)");
        }
        actualIn = arena.allocate(ValueLayout.JAVA_LONG);
        actualOut = arena.allocate(ValueLayout.JAVA_LONG);
    }

    /**
     * Inflates the zlib stream at {@code stored[off, off+length)} into at most {@code capacity} bytes of {@code out}
     * from {@code outOff}.
     *
     * @return libdeflate's result; on success {@link #consumed()} and {@link #produced()} say how many bytes
     */
    int inflate(byte[] stored, int off, int length, byte[] out, int outOff, int capacity) {
        if (closed) {
            throw new IllegalStateException("decompressor already closed");
        }
        if (input == null || length > input.byteSize() || capacity > output.byteSize()) {
            grow(length, capacity);
        }
        MemorySegment.copy(stored, off, input, ValueLayout.JAVA_BYTE, 0, length);
        int result;
        try {
            result = (int) Libdeflate.Native.DECOMPRESS.invokeExact(
                    decompressor, input, (long) length, output, (long) capacity, actualIn, actualOut);
        } catch (Throwable t) {
            throw new IllegalStateException("libdeflate_zlib_decompress_ex failed", t);
        }
        consumed = result == SUCCESS ? actualIn.get(ValueLayout.JAVA_LONG, 0) : 0;
        produced = result == SUCCESS ? actualOut.get(ValueLayout.JAVA_LONG, 0) : 0;
        if (result == SUCCESS) {
            MemorySegment.copy(output, ValueLayout.JAVA_BYTE, 0, out, outOff, (int) produced);
        }
        return result;
    }

    private void grow(int length, int capacity) {
        long in = Math.max(Math.max(1, length), input == null ? 0 : input.byteSize());
        long out = Math.max(Math.max(1, capacity), output == null ? 0 : output.byteSize());
        if (buffers != null) {
            buffers.close();
        }
        buffers = Arena.ofShared();
        input = buffers.allocate(in);
        output = buffers.allocate(out);
    }

    long consumed() {
        return consumed;
    }

    long produced() {
        return produced;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Libdeflate.Native.FREE_DECOMPRESSOR.invokeExact(decompressor);
        } catch (Throwable t) {
            throw new IllegalStateException("libdeflate_free_decompressor failed", t);
        } finally {
            arena.close();
            if (buffers != null) {
                buffers.close();
            }
        }
    }
}

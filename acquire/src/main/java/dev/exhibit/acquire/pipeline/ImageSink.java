package dev.exhibit.acquire.pipeline;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Where the pipeline writes image bytes. Raw image files take every written byte at its offset ({@link #write}), in
 * any order. A format that can only grow at its end (E01) also takes, through {@link #append}, every hashed byte in
 * image order: hashed bytes are final (a fill that a retry may still replace is not hashed yet), so they are what such
 * an image may hold for good.
 */
public interface ImageSink {
    /** Bytes at {@code byteOffset} that are to be kept but may not be in order (after a skipped area), or not final. */
    void write(long byteOffset, MemorySegment data) throws IOException;

    /** Whether this image takes the hashed bytes through {@link #append}, instead of the written ones. */
    default boolean appendsHashed() {
        return false;
    }

    /**
     * Final bytes in image order from byte 0, without a gap: the bytes the hashers are sent.
     *
     * @param badRuns the unreadable sectors inside {@code data}, which hold the fill
     */
    default void append(long byteOffset, MemorySegment data, List<BadRun> badRuns) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not append");
    }
}

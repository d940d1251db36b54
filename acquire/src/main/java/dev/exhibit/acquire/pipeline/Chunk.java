package dev.exhibit.acquire.pipeline;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Bytes of the image at a byte offset, on their way to the image files and the hashers. The bytes are final: a bad
 * sector inside is already filled, and {@code badRuns} says which.
 *
 * @param byteOffset where {@code data} starts in the image
 * @param badRuns the filled sectors inside {@code data}, in order
 * @param writesBefore how many chunks had been sent to the image writer when this one was sent (itself included):
 *     once the writer has written that many, every byte hashed up to this chunk is in the image files
 * @param hashed whether the hashers were sent this chunk: its bytes are final and next in image order
 */
public record Chunk(
        long byteOffset, MemorySegment data, List<BadRun> badRuns, Lease lease, long writesBefore, boolean hashed) {
    public Chunk {
        badRuns = List.copyOf(badRuns);
    }

    public long endByte() {
        return byteOffset + data.byteSize();
    }

    /** The part of this chunk from {@code from} (inclusive) to {@code to} (exclusive), in image byte offsets. */
    MemorySegment slice(long from, long to) {
        return data.asSlice(from - byteOffset, to - from);
    }
}

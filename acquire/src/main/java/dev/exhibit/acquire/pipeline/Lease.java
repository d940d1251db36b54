package dev.exhibit.acquire.pipeline;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One buffer of a {@link BufferPool} while it is in use. Every holder (the producer filling it, each stage a chunk
 * of it was sent to) holds a reference; the last release returns the buffer to the pool.
 */
public final class Lease {
    private final BufferPool pool;
    private final MemorySegment buffer;
    private final AtomicInteger references = new AtomicInteger();

    Lease(BufferPool pool, MemorySegment buffer) {
        this.pool = pool;
        this.buffer = buffer;
    }

    public MemorySegment buffer() {
        return buffer;
    }

    void retain(int count) {
        references.addAndGet(count);
    }

    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            pool.giveBack(this);
        } else if (left < 0) {
            throw new IllegalStateException("buffer released more often than it was taken");
        }
    }
}

package dev.exhibit.acquire.pipeline;

import java.lang.foreign.Arena;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of page-aligned native buffers shared by the reader, the image writer and the hashers, so memory stays
 * flat whatever the size of the source, and direct I/O can read into and write from them.
 */
public final class BufferPool implements AutoCloseable {
    /** Direct I/O needs buffers aligned to the logical block size; a page covers every device Exhibit meets. */
    public static final int ALIGNMENT = 4096;

    private final Arena arena = Arena.ofShared();
    private final BlockingQueue<Lease> free;
    private final int bufferBytes;

    public BufferPool(int count, int bufferBytes) {
        if (count < 1 || bufferBytes < ALIGNMENT || bufferBytes % ALIGNMENT != 0) {
            throw new IllegalArgumentException("buffer pool of " + count + " buffers of " + bufferBytes
                    + " bytes: need at least one buffer, and a size that is a positive multiple of " + ALIGNMENT);
        }
        this.bufferBytes = bufferBytes;
        this.free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(new Lease(this, arena.allocate(bufferBytes, ALIGNMENT)));
        }
    }

    /** Waits for a free buffer; the caller holds one reference to it and must {@link Lease#release()} it. */
    public Lease take() throws InterruptedException {
        Lease lease = free.take();
        lease.retain(1);
        return lease;
    }

    public int bufferBytes() {
        return bufferBytes;
    }

    void giveBack(Lease lease) {
        free.add(lease);
    }

    @Override
    public void close() {
        arena.close();
    }
}

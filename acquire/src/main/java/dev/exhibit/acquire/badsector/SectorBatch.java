package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects sectors read one at a time (while trimming, scraping and retrying) into one buffer, and delivers each run
 * of consecutive sectors as one chunk, so that a bad area costs small reads but not a write per sector.
 */
final class SectorBatch implements AutoCloseable {
    private final BufferPool pool;
    private final Frontier frontier;
    private Lease lease;
    private long start;
    private long end;
    private List<BadRun> runs = new ArrayList<>();

    SectorBatch(BufferPool pool, Frontier frontier) {
        this.pool = pool;
        this.frontier = frontier;
    }

    /** The buffer space for the sector at {@code byteOffset} of {@code length} bytes, ready to be read into. */
    MemorySegment slot(long byteOffset, long length) throws IOException {
        if (lease == null || byteOffset != end || end - start + length > pool.bufferBytes()) {
            flush();
            try {
                lease = pool.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a buffer", e);
            }
            start = byteOffset;
            end = byteOffset;
        }
        return lease.buffer().asSlice(end - start, length);
    }

    /** The slot just read holds good bytes. */
    void good(long length) {
        end += length;
    }

    /** The slot just read could not be: fill it and record it. */
    void bad(long length, FillPattern fill, BadRun run) {
        fill.fill(lease.buffer().asSlice(end - start, length));
        if (!runs.isEmpty() && runs.getLast().joinsWith(run)) {
            runs.set(runs.size() - 1, runs.getLast().extendedWith(run));
        } else {
            runs.add(run);
        }
        end += length;
    }

    void flush() throws IOException {
        if (lease == null) {
            return;
        }
        try {
            if (end > start) {
                frontier.deliver(lease, start, lease.buffer().asSlice(0, end - start), runs);
            }
        } finally {
            lease.release();
            lease = null;
            runs = new ArrayList<>();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}

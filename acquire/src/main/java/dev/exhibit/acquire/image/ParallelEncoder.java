package dev.exhibit.acquire.image;

import dev.exhibit.acquire.pipeline.Failures;
import dev.exhibit.image.ewf.ChunkEncoder;
import dev.exhibit.image.ewf.EncodedChunk;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Compresses E01 chunks on every core while one thread appends them in media order, Guymager's shape: media bytes are
 * copied into pooled batches of whole chunks, each batch is encoded by whichever worker is free (each owns its
 * {@link ChunkEncoder}, so its zlib state), and the appender takes the batches in the order they were handed in,
 * waiting for each to be encoded. Memory stays flat: a fixed number of batch buffers, and a bounded number of encoded
 * batches waiting to be appended.
 *
 * <p>A failure (a full disk, a chunk that cannot be encoded) is kept and rethrown to the next caller; the threads go on
 * draining what they were handed so that no caller waits forever.
 */
final class ParallelEncoder implements AutoCloseable {
    /** Batches of about this many media bytes: large enough that hand-offs cost little, small enough to balance. */
    static final int BATCH_BYTES = 1 << 20;
    /** At most this much media waits in batch buffers, whatever the chunk size. */
    static final long BUFFER_BUDGET_BYTES = 64L << 20;

    private static final class Job {
        final MemorySegment buffer;
        long lengthBytes;
        List<EncodedChunk> encoded;
        Throwable failure;
        boolean done;

        Job(MemorySegment buffer) {
            this.buffer = buffer;
        }

        synchronized void finished(List<EncodedChunk> chunks, Throwable t) {
            encoded = chunks;
            failure = t;
            done = true;
            notifyAll();
        }

        synchronized void awaitDone() throws InterruptedException {
            while (!done) {
                wait();
            }
        }
    }

    private static final Job END = new Job(MemorySegment.NULL);

    private final EwfWriter writer;
    private final int chunkBytes;
    private final int batchBytes;
    private final Arena arena = Arena.ofShared();
    private final BlockingQueue<MemorySegment> free;
    private final BlockingQueue<Job> work = new LinkedBlockingQueue<>();
    private final BlockingQueue<Job> inOrder;
    private final List<Thread> workers = new ArrayList<>();
    private final Thread appender;
    private final Object progress = new Object();
    private volatile Throwable failure;
    private long submitted;
    private long appended;
    private Job current;
    private boolean closed;

    ParallelEncoder(EwfWriter writer, EwfCompression compression, int chunkBytes, int threads) {
        this.writer = writer;
        this.chunkBytes = chunkBytes;
        this.batchBytes = Math.max(1, BATCH_BYTES / chunkBytes) * chunkBytes;
        int buffers = (int) Math.max(2, Math.min(2L * threads + 2, BUFFER_BUDGET_BYTES / batchBytes));
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(arena.allocate(batchBytes, 4096));
        }
        this.inOrder = new ArrayBlockingQueue<>(buffers + 2);
        for (int i = 0; i < threads; i++) {
            Thread t = Thread.ofPlatform()
                    .name("exhibit-e01-encode-" + i)
                    .daemon(true)
                    .unstarted(() -> encodeLoop(compression));
            workers.add(t);
            t.start();
        }
        appender = Thread.ofPlatform().name("exhibit-e01-append").daemon(true).unstarted(this::appendLoop);
        appender.start();
    }

    /** Hands in the next media bytes, which follow the last ones without a gap. Blocks while every buffer is busy. */
    void add(MemorySegment data) throws IOException {
        rethrow();
        long done = 0;
        while (done < data.byteSize()) {
            if (current == null) {
                current = new Job(take(free));
            }
            long n = Math.min(data.byteSize() - done, batchBytes - current.lengthBytes);
            MemorySegment.copy(data, done, current.buffer, current.lengthBytes, n);
            current.lengthBytes += n;
            done += n;
            if (current.lengthBytes == batchBytes) {
                submit();
            }
        }
    }

    /** Hands on the last, partial batch: the media ends with it. */
    void flush() throws IOException {
        rethrow();
        if (current != null && current.lengthBytes > 0) {
            submit();
        }
    }

    /** Waits until every batch handed on is in the E01, and reports any failure. */
    void awaitAppended() throws IOException {
        synchronized (progress) {
            while (appended < submitted && failure == null) {
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the E01 writer", e);
                }
            }
        }
        rethrow();
    }

    private void submit() throws IOException {
        Job job = current;
        current = null;
        synchronized (progress) {
            submitted++;
        }
        put(inOrder, job);
        put(work, job);
    }

    private void encodeLoop(EwfCompression compression) {
        try (ChunkEncoder encoder = new ChunkEncoder(compression, chunkBytes)) {
            while (true) {
                Job job = work.take();
                if (job == END) {
                    return;
                }
                List<EncodedChunk> chunks = new ArrayList<>();
                Throwable t = null;
                try {
                    if (failure == null) {
                        for (long at = 0; at < job.lengthBytes; at += chunkBytes) {
                            chunks.add(
                                    encoder.encode(job.buffer.asSlice(at, Math.min(chunkBytes, job.lengthBytes - at))));
                        }
                    }
                } catch (RuntimeException | Error e) {
                    t = e;
                } finally {
                    free.add(job.buffer);
                }
                job.finished(chunks, t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void appendLoop() {
        try {
            while (true) {
                Job job = inOrder.take();
                if (job == END) {
                    return;
                }
                job.awaitDone();
                try {
                    if (job.failure != null) {
                        throw job.failure;
                    }
                    if (failure == null) {
                        append(job);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    synchronized (progress) {
                        appended++;
                        progress.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(Job job) throws IOException {
        synchronized (writer) {
            for (EncodedChunk c : job.encoded) {
                try {
                    writer.append(c);
                } catch (IOException e) {
                    List<Path> files = writer.segments();
                    throw new ImageWriteException(
                            files.isEmpty() ? "the E01 set" : files.getLast().toString(),
                            writer.chunksWritten() * chunkBytes,
                            e);
                }
            }
        }
    }

    private void rethrow() throws IOException {
        Failures.rethrow(failure);
    }

    private static <T> T take(BlockingQueue<T> q) throws IOException {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an E01 chunk buffer", e);
        }
    }

    private static <T> void put(BlockingQueue<T> q, T item) throws IOException {
        try {
            q.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing a batch to the E01 encoders", e);
        }
    }

    /**
     * Stops the threads once they have appended what they were handed (a partial batch not handed on is dropped: the
     * media did not end there), and frees the buffers.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            free.add(current.buffer);
            current = null;
        }
        try {
            inOrder.put(END);
            appender.join();
            for (int i = 0; i < workers.size(); i++) {
                work.put(END);
            }
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            arena.close();
        }
    }
}

package dev.exhibit.acquire.pipeline;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries image bytes from one producer to the image writer and the hashers, each on its own thread, so that reading,
 * writing and every digest overlap. The producer sends bytes with {@link #send}: to be written, to be hashed, or both.
 * Hashed bytes must arrive in image order without gaps from byte 0 (every digest covers exactly the image); written
 * bytes may arrive in any order (a rescue comes back for skipped areas).
 *
 * <p>Not thread-safe: one producer thread calls {@code send}, {@link #awaitWrites} and {@link #finish}.
 */
public final class Pipeline implements AutoCloseable {
    /**
     * @param windowBytes size of the piecewise-hash windows
     * @param segmentBytes size of the segment files, or 0 for a single image file
     */
    public record Config(List<HashAlgorithm> algorithms, long windowBytes, long segmentBytes) {
        public Config {
            algorithms = List.copyOf(algorithms);
            if (windowBytes <= 0 || segmentBytes < 0) {
                throw new IllegalArgumentException("windowBytes (" + windowBytes + ") must be positive and "
                        + "segmentBytes (" + segmentBytes + ") must not be negative");
            }
        }
    }

    /** What the hashers found, once every byte went through. */
    public record Result(Map<HashAlgorithm, String> hashes, long windows, long bytesHashed) {}

    private final List<DigestStage> digests = new ArrayList<>();
    private final WindowStage windows;
    private final List<Stage> hashers = new ArrayList<>();
    private final WriterStage writer;
    private final List<Stage> all = new ArrayList<>();
    private long hashedEnd;
    private long sentWrites;
    private boolean finished;

    /** @param image where written bytes go, or {@code null} for a pipeline that only hashes (verification) */
    public Pipeline(Config config, ImageSink image, PiecewiseSink sink) {
        for (HashAlgorithm a : config.algorithms()) {
            digests.add(new DigestStage(a));
        }
        writer = image == null ? null : new WriterStage(image);
        windows = new WindowStage(config.windowBytes(), sink, writer);
        hashers.addAll(digests);
        hashers.add(windows);
        if (config.segmentBytes() > 0) {
            hashers.add(new SegmentStage(config.segmentBytes(), sink, writer));
        }
        all.addAll(hashers);
        if (writer != null) {
            all.add(writer);
        }
        all.forEach(Stage::start);
    }

    /** How far the hashers have been sent bytes: every byte before this offset went to every digest. */
    public long hashedEnd() {
        return hashedEnd;
    }

    /**
     * Sends {@code data} (part of {@code lease}'s buffer) at image offset {@code byteOffset}. The caller keeps its own
     * reference to the lease and releases it when it no longer needs the buffer.
     *
     * @param badRuns the filled sectors inside {@code data}
     * @throws IOException when a stage has failed (a full destination, a log that cannot be written)
     */
    public void send(
            Lease lease, long byteOffset, MemorySegment data, List<BadRun> badRuns, boolean write, boolean hash)
            throws IOException {
        rethrowFailure();
        if (hash && byteOffset != hashedEnd) {
            throw new IllegalStateException(
                    "bytes at " + byteOffset + " sent to the hashers, which have had bytes up to " + hashedEnd);
        }
        if (write && writer == null) {
            throw new IllegalStateException("this pipeline writes nothing");
        }
        // an image that only grows at its end keeps the hashed bytes, in order, whether read now or read back
        boolean toWriter = write || (hash && writer != null && writer.appendsHashed());
        if (toWriter) {
            sentWrites++;
        }
        Chunk chunk = new Chunk(byteOffset, data, badRuns, lease, sentWrites, hash);
        List<Stage> to = new ArrayList<>(hash ? hashers : List.of());
        if (toWriter) {
            to.add(writer);
        }
        lease.retain(to.size());
        for (Stage s : to) {
            s.submit(chunk);
        }
        if (hash) {
            hashedEnd += data.byteSize();
        }
    }

    /** Waits until every byte sent to be written is in the image files, so they can be read back. */
    public void awaitWrites() throws IOException {
        if (writer != null) {
            try {
                writer.awaitIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the image writer", e);
            }
        }
        rethrowFailure();
    }

    /** Waits until every stage has processed everything sent so far, and reports any failure. */
    public void awaitAll() throws IOException {
        try {
            for (Stage s : all) {
                s.awaitIdle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the hashers", e);
        }
        rethrowFailure();
    }

    /** Ends every stage, waits for them, and returns the digests. */
    public Result finish() throws IOException {
        stop(false);
        rethrowFailure();
        Map<HashAlgorithm, String> hashes = new LinkedHashMap<>();
        for (DigestStage d : digests) {
            hashes.put(d.algorithm(), d.hex());
        }
        return new Result(hashes, windows.windows(), hashedEnd);
    }

    /**
     * Stops the stages without finishing them (after a failure, or on interruption): what was sent is still written,
     * and complete windows are still logged, but no last, shorter window is made of bytes that stopped early.
     */
    @Override
    public void close() {
        try {
            stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop(boolean abort) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        all.forEach(abort ? Stage::abort : Stage::end);
        try {
            for (Stage s : all) {
                s.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the hashers", e);
        }
    }

    private void rethrowFailure() throws IOException {
        // The writer's own failure first: a window stage waiting for those bytes fails only because of it, and the
        // writer's exception says what happened (a full destination, and where).
        if (writer != null) {
            Failures.rethrow(writer.failure());
        }
        for (Stage s : all) {
            Failures.rethrow(s.failure());
        }
    }
}

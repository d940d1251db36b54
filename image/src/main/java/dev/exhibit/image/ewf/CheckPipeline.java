package dev.exhibit.image.ewf;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.image.ewf.EwfFinding.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Decodes every chunk of a set once, in parallel, and hands the media on in order: one thread reads batches
 * ({@link BatchPlanner}), one decoder per core inflates and checks them, the calling thread takes them back in order
 * and gives them to the consumer and to one hashing thread per algorithm (MD5 alone is the slowest stage). Batches come
 * from a fixed pool, so memory is bounded whatever the size of the set.
 */
final class CheckPipeline {
    /** Pool memory the batches may take, beyond the minimum of three. */
    static final long POOL_BYTES = 64L << 20;

    private static final long POLL_MILLIS = 100;

    private final SetContents set;
    private final SegmentChannels channels;
    private final Findings findings;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    CheckPipeline(SetContents set, SegmentChannels channels, Findings findings) {
        this.set = set;
        this.channels = channels;
        this.findings = findings;
    }

    Map<HashAlgorithm, String> run(List<HashAlgorithm> algorithms, Consumer<ByteBuffer> media) throws IOException {
        int chunkBytes = (int) set.volume().chunkBytes();
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        Batch sample = new Batch(chunkBytes, ChunkSource.maxStoredBytes(chunkBytes));
        long batchBytes = (long) sample.stored.length + sample.media.length;
        int poolSize = (int) Math.max(3, Math.min(2L * workers + 4, POOL_BYTES / batchBytes));
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(poolSize);
        free.add(sample);
        for (int i = 1; i < poolSize; i++) {
            free.add(new Batch(chunkBytes, ChunkSource.maxStoredBytes(chunkBytes)));
        }
        BlockingQueue<Batch> ordered = new ArrayBlockingQueue<>(poolSize + 1);
        ConcurrentLinkedQueue<ChunkDecoder> decoders = new ConcurrentLinkedQueue<>();
        ThreadLocal<ChunkDecoder> decoder = ThreadLocal.withInitial(() -> {
            ChunkDecoder d = new ChunkDecoder();
            decoders.add(d);
            return d;
        });
        ExecutorService pool = Executors.newFixedThreadPool(
                workers,
                Thread.ofPlatform().name("ewf-check-decode-", 0).daemon().factory());
        List<Hasher> hashers = new ArrayList<>();
        for (HashAlgorithm a : algorithms) {
            hashers.add(new Hasher(a, poolSize + 1, free));
        }
        Thread reader = Thread.ofPlatform().name("ewf-check-read").daemon().start(() -> {
            try {
                new BatchPlanner(set, channels, findings).run(new BatchPlanner.Pool() {
                    @Override
                    public Batch take() throws InterruptedException {
                        return takeUnlessFailed(free);
                    }

                    @Override
                    public void submit(Batch b) throws InterruptedException {
                        ordered.put(b);
                        pool.execute(() -> decode(b, decoder.get()));
                    }
                });
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                ordered.offer(Batch.endMarker());
            }
        });
        try {
            drain(ordered, free, hashers, media);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            for (Hasher h : hashers) {
                h.finish();
            }
            reader.interrupt();
            join(reader);
            pool.shutdownNow();
            awaitTermination(pool);
            decoders.forEach(ChunkDecoder::close);
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IOException("verification interrupted: " + t, t);
        }
        Map<HashAlgorithm, String> out = new LinkedHashMap<>();
        for (Hasher h : hashers) {
            out.put(h.algorithm, h.hex());
        }
        return out;
    }

    private void drain(
            BlockingQueue<Batch> ordered, BlockingQueue<Batch> free, List<Hasher> hashers, Consumer<ByteBuffer> media) {
        while (true) {
            Batch b;
            try {
                b = ordered.take();
                if (b.end) {
                    return;
                }
                b.decoded.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
                return;
            }
            report(b);
            b.holders.set(hashers.size() + 1);
            for (Hasher h : hashers) {
                h.queue.add(b);
            }
            if (media != null) {
                media.accept(ByteBuffer.wrap(b.media, 0, b.mediaLength).asReadOnlyBuffer());
            }
            if (b.holders.decrementAndGet() == 0) {
                free.add(b);
            }
        }
    }

    private void report(Batch b) {
        long chunkBytes = set.volume().chunkBytes();
        for (int k = 0; k < b.count; k++) {
            long chunk = b.firstChunk + k;
            long first = chunk * chunkBytes;
            long end = first + b.mediaLength(k);
            String message = b.problem[k] != null
                    ? b.problem[k] + " (zeros hashed in its place)"
                    : b.trailing[k] > 0 ? b.trailing[k] + " bytes stored after the chunk's zlib stream" : null;
            if (message != null) {
                Severity severity = b.problem[k] != null ? Severity.ERROR : Severity.WARNING;
                findings.add(new EwfFinding(
                        severity, b.file, SectionDescriptor.SECTORS, b.fileOffset[k], chunk, first, end, message));
            }
        }
    }

    private static void decode(Batch b, ChunkDecoder d) {
        try {
            for (int k = 0; k < b.count; k++) {
                int at = k * b.chunkBytes;
                int len = b.mediaLength(k);
                if (b.problem[k] == null) {
                    b.problem[k] =
                            d.decode(b.stored, b.storedOff[k], b.storedLen[k], b.compressed[k], b.media, at, len);
                    b.trailing[k] = d.trailingBytes();
                }
                if (b.problem[k] != null) {
                    java.util.Arrays.fill(b.media, at, at + len, (byte) 0);
                }
            }
        } finally {
            b.decoded.release();
        }
    }

    private Batch takeUnlessFailed(BlockingQueue<Batch> free) throws InterruptedException {
        while (true) {
            Batch b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            if (failure.get() != null) {
                throw new InterruptedException("verification stopped");
            }
        }
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One digest over the media, on its own thread. */
    private static final class Hasher {
        final HashAlgorithm algorithm;
        final BlockingQueue<Batch> queue;
        private final MessageDigest md;
        private final Thread thread;

        Hasher(HashAlgorithm algorithm, int capacity, BlockingQueue<Batch> free) {
            this.algorithm = algorithm;
            this.md = algorithm.newDigest();
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = Thread.ofPlatform()
                    .name("ewf-check-" + algorithm.id())
                    .daemon()
                    .start(() -> {
                        try {
                            for (Batch b; !(b = queue.take()).end; ) {
                                md.update(b.media, 0, b.mediaLength);
                                if (b.holders.decrementAndGet() == 0) {
                                    free.add(b);
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }

        void finish() {
            queue.add(Batch.endMarker());
            join(thread);
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}

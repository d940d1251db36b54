package dev.exhibit.image.dmg;

import dev.exhibit.image.DecodedCache;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decoded chunks, with read-ahead: when a chunk is asked for right after the one before it (an acquisition, a hash, a
 * sequential read by libtsk), the next few compressed chunks are decoded on other cores while the caller works on
 * this one. At most {@code depth} decodes are in flight and done ones go to the bounded cache, so memory stays bounded;
 * random reads decode inline.
 */
final class ReadAhead implements AutoCloseable {
    interface Decoder {
        byte[] decode(Chunk c) throws IOException;
    }

    private final DecodedCache cache = new DecodedCache(DecodedCache.DEFAULT_BYTES);
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final Decoder decoder;
    private final int depth = Math.max(2, Runtime.getRuntime().availableProcessors());
    private ExecutorService pool;
    private volatile long lastEndSector = -1;

    ReadAhead(Decoder decoder) {
        this.decoder = decoder;
    }

    /** The decoded bytes of {@code c}; {@code next} are the chunks after it on the media, in order. */
    byte[] get(Chunk c, List<Chunk> next) throws IOException {
        byte[] data = cache.get(c.startSector());
        if (data == null) {
            CompletableFuture<byte[]> f = pending.remove(c.startSector());
            if (f != null) {
                data = join(f);
            } else {
                byte[] justDone = cache.get(c.startSector()); // a read-ahead may have finished in between
                data = justDone != null ? justDone : decoder.decode(c);
            }
            cache.put(c.startSector(), data);
        }
        if (c.startSector() == lastEndSector) {
            schedule(next);
        }
        lastEndSector = c.startSector() + c.sectorCount();
        return data;
    }

    private void schedule(List<Chunk> next) {
        for (Chunk n : next) {
            if (pending.size() >= depth) {
                return;
            }
            if (!n.type().stored() || n.type() == ChunkType.RAW || cache.get(n.startSector()) != null) {
                continue;
            }
            long key = n.startSector();
            if (pending.containsKey(key)) {
                continue;
            }
            CompletableFuture<byte[]> f = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return decoder.decode(n);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    pool());
            pending.put(key, f);
            // Done decodes leave the pending set: their bytes go to the bounded cache, a failure is decoded again
            // (and reported) only if the chunk is asked for.
            f.whenComplete((data, failure) -> {
                if (data != null) {
                    cache.put(key, data);
                }
                pending.remove(key, f);
            });
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(depth, r -> {
                Thread t = new Thread(r, "dmg-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private static byte[] join(CompletableFuture<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding a chunk");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("decoding a chunk failed", cause);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        pending.clear();
    }
}

package dev.exhibit.image.ewf;

import dev.exhibit.core.digest.HashAlgorithm;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the E01 writer and verifier on a file (a measurement, not a test; docs/e01.md has the figures):
 * {@code java -cp ... EwfThroughput write SRC OUTDIR fast} or {@code ... check FIRST.E01}. The writing side is the
 * shape acquire uses: one reader, one thread per digest (MD5, SHA-1, SHA-256), one encoder per core, one writer.
 */
final class EwfThroughput {
    private static final int BLOCK = 1 << 20;

    private EwfThroughput() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String what;
        if (args[0].equals("write")) {
            what = write(Path.of(args[1]), Path.of(args[2]), EwfCompression.parse(args[3]));
        } else {
            EwfCheckReport r = EwfCheck.check(Path.of(args[1]), List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1), null);
            what = "passed=" + r.passed() + " " + r.computed() + " findings=" + r.findings();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s %.2f s%n", what, s);
    }

    private static String write(Path src, Path dir, EwfCompression c) throws Exception {
        long size = Files.size(src);
        EwfLayout layout = new EwfLayout(size, 512, 64, EwfLayout.DEFAULT_SEGMENT_BYTES, c, true, false);
        Files.createDirectories(dir);
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService encoders = Executors.newFixedThreadPool(cores);
        ThreadLocal<ChunkEncoder> enc = ThreadLocal.withInitial(() -> new ChunkEncoder(c, layout.chunkBytes()));
        List<HashAlgorithm> algs = List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);
        List<BlockingQueue<byte[]>> hashQueues = new ArrayList<>();
        List<Thread> hashers = new ArrayList<>();
        List<MessageDigest> digests = new ArrayList<>();
        for (HashAlgorithm a : algs) {
            BlockingQueue<byte[]> q = new ArrayBlockingQueue<>(16);
            MessageDigest md = a.newDigest();
            hashQueues.add(q);
            digests.add(md);
            hashers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (byte[] b; (b = q.take()).length > 0; ) {
                        md.update(b);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        BlockingQueue<Future<List<EncodedChunk>>> ordered = new ArrayBlockingQueue<>(4 * cores);
        EwfWriter w = EwfWriter.create(dir, "image", layout, Media.header());
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (long n = 0; n < layout.chunkCount(); ) {
                    for (EncodedChunk e : ordered.take().get()) {
                        w.append(e);
                        n++;
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
            for (long off = 0; off < size; off += BLOCK) {
                byte[] block = new byte[(int) Math.min(BLOCK, size - off)];
                ByteBuffer b = ByteBuffer.wrap(block);
                while (b.hasRemaining() && in.read(b, off + b.position()) > 0) {}
                for (BlockingQueue<byte[]> q : hashQueues) {
                    q.put(block);
                }
                ordered.put(encoders.submit(() -> {
                    List<EncodedChunk> out = new ArrayList<>();
                    for (int p = 0; p < block.length; p += layout.chunkBytes()) {
                        int len = Math.min(layout.chunkBytes(), block.length - p);
                        out.add(enc.get().encode(MemorySegment.ofArray(block).asSlice(p, len)));
                    }
                    return out;
                }));
            }
        }
        for (BlockingQueue<byte[]> q : hashQueues) {
            q.put(new byte[0]);
        }
        for (Thread t : hashers) {
            t.join();
        }
        writer.join();
        encoders.shutdown();
        byte[] md5 = digests.get(0).digest();
        byte[] sha1 = digests.get(1).digest();
        w.finish(List.of(), md5, sha1);
        long out = 0;
        for (Path p : w.segments()) {
            out += Files.size(p);
        }
        return "md5=" + HexFormat.of().formatHex(md5) + " sha256="
                + HexFormat.of().formatHex(digests.get(2).digest()) + " out=" + out;
    }
}

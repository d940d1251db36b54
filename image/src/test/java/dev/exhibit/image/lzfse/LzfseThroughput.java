package dev.exhibit.image.lzfse;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding speed of {@link Lzfse} on one core (a measurement, not a test; docs/lzfse.md has the figures), against
 * 7-Zip decoding the same chunks from a ULFO image (its whole process, JVM-free, writing to a discarding pipe):
 *
 * <pre>java -cp image/target/classes:image/target/test-classes dev.exhibit.image.lzfse.LzfseThroughput [MIB] [ROUNDS]</pre>
 *
 * The data are 1 MiB chunks, as hdiutil cuts a disk, of three kinds: text, binary-like (random runs with repeats
 * near and far) and zeros, each encoded as bvx2 and as LZVN by the test encoder. Rates count decoded bytes.
 */
final class LzfseThroughput {
    private static final int CHUNK = 1 << 20;
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LzfseThroughput() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<UdifWriter.Chunk> all = new ArrayList<>();
        Map<String, List<UdifWriter.Chunk>> sets = new LinkedHashMap<>();
        for (String kind : List.of("text", "binary", "zeros")) {
            for (LzfseWriter.Kind codec : List.of(LzfseWriter.Kind.FSE_V2, LzfseWriter.Kind.LZVN)) {
                List<UdifWriter.Chunk> chunks = new ArrayList<>();
                for (int i = 0; i < mib / 6; i++) {
                    byte[] input = data(kind, i);
                    int block = 64 * 1024; // as hdiutil, blocks that reach the literal or match limit (data chosen so)
                    chunks.add(new UdifWriter.Chunk(LzfseWriter.encode(input, codec, block), input.length));
                }
                sets.put(String.format("%-6s %-6s", kind, codec), chunks);
                all.addAll(chunks);
            }
        }
        // Warm up on every kind first, so that the JIT compiles the loops with the whole mix in their profile.
        for (long until = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < until; ) {
            decodeRate(all);
        }
        Path dir = Files.createTempDirectory("lzfse-bench");
        sets.put("all          ", all);
        System.out.println(
                "data   codec   decoded MiB from stored MiB: Lzfse.decode, one core | 7zz x -tdmg -so | ratio");
        for (Map.Entry<String, List<UdifWriter.Chunk>> set : sets.entrySet()) {
            List<UdifWriter.Chunk> chunks = set.getValue();
            Path dmg = dir.resolve("bench.dmg");
            Files.write(dmg, UdifWriter.write(chunks));
            // Both decoders in every round, so that the load of a shared machine falls on both alike.
            double[] ours = new double[rounds];
            double[] oursCpu = new double[rounds];
            double[] sevenZip = new double[rounds];
            double[] sevenZipCpu = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                ours[r] = decodeRate(chunks);
                oursCpu[r] = totalBytes(chunks) / ((THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9) / 1e6;
                double[] wallAndCpu = sevenZipRates(dmg, totalBytes(chunks), dir);
                sevenZip[r] = wallAndCpu[0];
                sevenZipCpu[r] = wallAndCpu[1];
            }
            Files.delete(dmg);
            long stored = chunks.stream().mapToLong(c -> c.stream().length).sum();
            System.out.printf(
                    "%s %4d from %5.1f: %5.0f MB/s, %5.0f per CPU s | %4.0f MB/s, %4.0f per CPU s | %5.1fx, %5.1fx%n",
                    set.getKey(),
                    totalBytes(chunks) >> 20,
                    stored / 1048576.0,
                    median(ours),
                    median(oursCpu),
                    median(sevenZip),
                    median(sevenZipCpu),
                    median(ours) / median(sevenZip),
                    median(oursCpu) / median(sevenZipCpu));
        }
        Files.delete(dir);
    }

    private static double decodeRate(List<UdifWriter.Chunk> chunks) throws LzfseException {
        byte[] dst = new byte[CHUNK];
        long t0 = System.nanoTime();
        for (UdifWriter.Chunk c : chunks) {
            Lzfse.decode(c.stream(), 0, c.stream().length, dst, 0, c.decodedBytes());
        }
        return totalBytes(chunks) / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }

    /** 7-Zip's rate by wall time and by CPU time (user and system, from GNU time). */
    private static double[] sevenZipRates(Path dmg, long bytes, Path dir) throws Exception {
        Path times = dir.resolve("time.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(
                        "/usr/bin/time",
                        "-f",
                        "%U %S",
                        "-o",
                        times.toString(),
                        "7zz",
                        "x",
                        "-tdmg",
                        "-so",
                        dmg.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("7zz x -tdmg -so failed: " + p.exitValue());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        String[] cpu = Files.readString(times).strip().split(" ");
        Files.delete(times);
        double cpuSeconds = Math.max(0.01, Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]));
        return new double[] {bytes / wall / 1e6, bytes / cpuSeconds / 1e6};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long totalBytes(List<UdifWriter.Chunk> chunks) {
        return chunks.stream().mapToLong(UdifWriter.Chunk::decodedBytes).sum();
    }

    private static byte[] data(String kind, int seed) {
        return LzfseRoundTripTest.data(kind + " " + seed, CHUNK);
    }
}

package dev.exhibit.image.lzfse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private LzfseThroughput() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<UdifWriter.Chunk> all = new ArrayList<>();
        Path dir = Files.createTempDirectory("lzfse-bench");
        System.out.println(
                "data   codec   decoded from stored: Lzfse.decode on one core | 7zz x -tdmg -so, same chunks");
        for (String kind : List.of("text", "binary", "zeros")) {
            for (LzfseWriter.Kind codec : List.of(LzfseWriter.Kind.FSE_V2, LzfseWriter.Kind.LZVN)) {
                List<UdifWriter.Chunk> chunks = new ArrayList<>();
                for (int i = 0; i < mib / 6; i++) {
                    byte[] input = data(kind, i);
                    int block = codec == LzfseWriter.Kind.LZVN ? 64 * 1024 : 30_000;
                    chunks.add(new UdifWriter.Chunk(LzfseWriter.encode(input, codec, block), input.length));
                }
                all.addAll(chunks);
                System.out.printf(
                        "%-6s %-6s  %s | %s%n", kind, codec, rate(chunks, rounds), sevenZip(chunks, dir, rounds));
            }
        }
        System.out.printf("all            %s | %s%n", rate(all, rounds), sevenZip(all, dir, rounds));
        Files.delete(dir);
    }

    /** Median MB/s of 7-Zip decoding the chunks from a ULFO image to a pipe that discards them. */
    private static String sevenZip(List<UdifWriter.Chunk> chunks, Path dir, int rounds) throws Exception {
        Path dmg = dir.resolve("bench.dmg");
        Files.write(dmg, UdifWriter.write(chunks));
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("7zz", "x", "-tdmg", "-so", dmg.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("7zz x -tdmg -so failed: " + p.exitValue());
            }
            rates[r] = totalBytes(chunks) / ((System.nanoTime() - t0) / 1e9) / 1e6;
        }
        Files.delete(dmg);
        Arrays.sort(rates);
        return String.format("%5.0f MB/s", rates[rounds / 2]);
    }

    /** Median MB/s over rounds, after three warm-up rounds (the JIT compiles the decoding loops). */
    private static String rate(List<UdifWriter.Chunk> chunks, int rounds) throws LzfseException {
        byte[] dst = new byte[CHUNK];
        double[] rates = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (UdifWriter.Chunk c : chunks) {
                Lzfse.decode(c.stream(), 0, c.stream().length, dst, 0, c.decodedBytes());
            }
            if (r >= 0) {
                rates[r] = totalBytes(chunks) / ((System.nanoTime() - t0) / 1e9) / 1e6;
            }
        }
        Arrays.sort(rates);
        long stored = chunks.stream().mapToLong(c -> c.stream().length).sum();
        return String.format(
                "%4d MiB from %5.1f MiB: %5.0f MB/s median (%.0f to %.0f)",
                totalBytes(chunks) >> 20, stored / 1048576.0, rates[rounds / 2], rates[0], rates[rounds - 1]);
    }

    private static long totalBytes(List<UdifWriter.Chunk> chunks) {
        return chunks.stream().mapToLong(UdifWriter.Chunk::decodedBytes).sum();
    }

    private static byte[] data(String kind, int seed) {
        return LzfseRoundTripTest.data(kind + " " + seed, CHUNK);
    }
}

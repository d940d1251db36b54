package dev.exhibit.image.qcow2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.exhibit.image.TestMedia;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.SharedImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of small QCOW2 images (qemu's, plain and compressed, and a hand-made one): header, L1 and L2 tables
 * and cluster bytes. Open, reads and the cluster census finish quickly and fail only with an IOException naming the
 * file.
 */
class Qcow2FuzzTest {
    private static final long SEED = 0x71636f77L;
    private static final int CASES = 300;
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    private static final long READ_LIMIT_BYTES = 4L << 20;

    @TempDir
    Path tmp;

    @Test
    void openAndRead_onMutatedImages_failOnlyWithClearIoErrors() throws Exception {
        Path raw = TestMedia.mixedDisk(tmp.resolve("d.raw"), 1 << 20);
        Path compressed = tmp.resolve("c.qcow2");
        Proc.run(
                        "qemu-img",
                        "convert",
                        "-c",
                        "-f",
                        "raw",
                        "-O",
                        "qcow2",
                        "-o",
                        "cluster_size=4096",
                        raw.toString(),
                        compressed.toString())
                .ok();
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(compressed));
        seeds.add(Files.readAllBytes(SharedImages.get("keramics-fat16.qcow2")));
        seeds.add(TinyQcow2.withCompressedCluster(new byte[TinyQcow2.CLUSTER]));
        Random rnd = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] image = seeds.get(rnd.nextInt(seeds.size())).clone();
            // Most damage lands where the structure is: the header's fields, the L1 table, the first L2 table.
            ByteBuffer b = ByteBuffer.wrap(image);
            int l1 = (int) b.getLong(40);
            int l2 = (int) (b.getLong(l1) & Qcow2Header.OFFSET_MASK);
            int[][] spans = {{0, 112}, {l1, 64}, {l2, 512}, {0, image.length}};
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                int[] span = spans[rnd.nextInt(spans.length)];
                int at = Math.min(image.length - 1, span[0] + rnd.nextInt(span[1]));
                image[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (image[at] ^ (1 << rnd.nextInt(8)));
            }
            Path p = tmp.resolve("case-" + i + ".qcow2");
            Files.write(p, image);
            String what = "case " + i;
            refused += assertTimeoutPreemptively(PER_CASE, () -> exercise(p, what));
            Files.delete(p);
        }
        assertThat(refused).as("cases refused").isBetween(CASES / 20, CASES - CASES / 20);
    }

    private static int exercise(Path p, String what) {
        try (Qcow2Reader r = Qcow2Reader.open(p, (overlay, backing) -> {
            throw new IOException(overlay.getFileName() + ": no backing files in this test");
        })) {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            for (long off = 0; off < Math.min(r.sizeBytes(), READ_LIMIT_BYTES); off += b.capacity()) {
                r.read(off, b.clear());
            }
            if (r.sizeBytes() <= 1L << 30) {
                r.info();
            }
            return 0;
        } catch (IOException e) {
            assertThat(e.getMessage())
                    .as(e.getClass().getSimpleName() + " after " + what)
                    .contains(p.getFileName().toString())
                    .doesNotContain("Exception");
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reader threw " + e + " after " + what, e);
        }
    }
}

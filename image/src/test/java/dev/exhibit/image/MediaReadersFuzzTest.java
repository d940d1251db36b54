package dev.exhibit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.exhibit.testkit.SharedImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one door analyze and acquire open image files by: {@link MediaReaders#open} detects the container by content
 * ({@link ContainerFormat#detect}) and hands the file to its reader (raw.RawReader, ewf.EwfReader, dmg.DmgReader
 * with its MishTable and ChunkDecoder, qcow2.Qcow2Reader with its Qcow2Header and ClusterInflater, vdi.VdiReader,
 * sparse.SparseImageReader). Seeded mutations of one small image of each kind, some with another kind's signature
 * written over their first bytes so that a reader parses what was made for another, under a name that says nothing
 * of the content: opening and reading every byte either works or fails with an IOException naming the file, quickly.
 */
class MediaReadersFuzzTest {
    private static final int CASES = 400;
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    private static final long READ_LIMIT_BYTES = 16L << 20;
    private static final int SIGNATURE_BYTES = 16;

    @TempDir
    Path tmp;

    @Test
    void open_ofDamagedOrMislabelledImages_readsOrRefusesNamingTheFile() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : List.of(
                "keramics-fat16.qcow2",
                "keramics-hfsplus_zlib.dmg",
                "keramics-hfsplus_lzfse.dmg",
                "keramics-hfsplus_adc.dmg")) {
            seeds.add(Files.readAllBytes(SharedImages.get(name)));
        }
        seeds.add(Arrays.copyOf(Files.readAllBytes(SharedImages.get("dfvfs-hfsplus.raw")), 256 * 1024));
        Random rnd = new Random(0x6d656469L);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] image = seeds.get(rnd.nextInt(seeds.size())).clone();
            if (rnd.nextInt(4) == 0) {
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                System.arraycopy(other, 0, image, 0, SIGNATURE_BYTES);
            }
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                // the structures sit at both ends (headers first, a DMG's trailer and plist last)
                int at = switch (rnd.nextInt(3)) {
                    case 0 -> rnd.nextInt(Math.min(image.length, 4096));
                    case 1 -> image.length - 1 - rnd.nextInt(Math.min(image.length, 8192));
                    default -> rnd.nextInt(image.length);
                };
                image[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (image[at] ^ (1 << rnd.nextInt(8)));
            }
            Path p = tmp.resolve("case-" + i + ".img");
            Files.write(p, image);
            String what = "case " + i;
            refused += assertTimeoutPreemptively(PER_CASE, () -> exercise(p, what));
            Files.delete(p);
        }
        assertThat(refused).as("cases refused").isPositive().isLessThan(CASES);
    }

    private static int exercise(Path p, String what) {
        try (MediaReader r = MediaReaders.open(p)) {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            for (long off = 0; off < Math.min(r.sizeBytes(), READ_LIMIT_BYTES); off += b.capacity()) {
                r.read(off, b.clear());
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

package dev.exhibit.image.sparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.image.ContainerFormat;
import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.MediaReaders;
import dev.exhibit.image.TestMedia;
import dev.exhibit.testkit.Oracles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sparse images and bundles written by the tests' writers from a generated disk read back as that disk. */
class SparseReadersTest {
    @TempDir
    Path tmp;

    private byte[] disk() throws Exception {
        return Files.readAllBytes(TestMedia.mixedDisk(tmp.resolve("disk.raw"), (3 << 20) + 4096));
    }

    @Test
    void sparseImage_readsBackTheDiskWithBandsOutOfOrderAndAbsentOnesAsZeros() throws Exception {
        byte[] disk = disk();
        Path image = Files.write(tmp.resolve("disk.bin"), SparseWriters.sparseImage(disk, 128, 5));
        assertThat(ContainerFormat.detect(image)).isEqualTo(ContainerFormat.SPARSEIMAGE);
        try (MediaReader r = MediaReaders.open(image)) {
            assertThat(r.sizeBytes()).isEqualTo(disk.length);
            assertThat(TestMedia.md5(r, 7000)).isEqualTo(Oracles.md5(tmp.resolve("disk.raw")));
            long[] census = ((SparseImageReader) r).bandCensus();
            assertThat(census[1]).as("zero bands left out").isPositive();
        }
    }

    @Test
    void sparseImage_refusesABandStoredTwiceAndOnePastTheEnd() throws Exception {
        byte[] image = SparseWriters.sparseImage(disk(), 128, 5);
        ByteBuffer b = ByteBuffer.wrap(image);
        b.putInt(68, b.getInt(64));
        Path twice = Files.write(tmp.resolve("twice.sparseimage"), image);
        assertThatThrownBy(() -> MediaReaders.open(twice))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("twice.sparseimage: sparse image header at byte 68: band ")
                .hasMessageContaining("is stored twice");
        byte[] cut = java.util.Arrays.copyOf(SparseWriters.sparseImage(disk(), 128, 5), 4096 + 65536);
        Path shortFile = Files.write(tmp.resolve("cut.sparseimage"), cut);
        assertThatThrownBy(() -> MediaReaders.open(shortFile))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("lies past the end of the file");
    }

    @Test
    void sparseBundle_readsBackTheDiskWithMissingAndShortBandsAsZeros() throws Exception {
        byte[] disk = disk();
        Path bundle = SparseWriters.sparseBundle(tmp.resolve("disk.sparsebundle"), disk, 1 << 20);
        assertThat(ContainerFormat.detect(bundle)).isEqualTo(ContainerFormat.SPARSEBUNDLE);
        try (MediaReader r = MediaReaders.open(bundle)) {
            assertThat(TestMedia.md5(r, 100_000)).isEqualTo(Oracles.md5(tmp.resolve("disk.raw")));
        }
    }

    @Test
    void sparseBundle_encryptedIsRefusedClearly() throws Exception {
        Path bundle = SparseWriters.sparseBundle(tmp.resolve("secret.sparsebundle"), disk(), 1 << 20);
        Files.write(bundle.resolve("token"), "encrcdsa\0\0\0\2".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MediaReaders.open(bundle))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining(
                        "secret.sparsebundle: token (an encrcdsa header) at byte 0: an encrypted sparse bundle")
                .hasMessageContaining("Exhibit cannot decrypt it");
    }

    /** Seeded mutations of a sparse image's header and band table, and of a bundle's Info.plist: clear errors only. */
    @Test
    void openAndRead_onMutatedHeaders_failOnlyWithClearIoErrors() throws Exception {
        byte[] seed = SparseWriters.sparseImage(disk(), 128, 5);
        byte[] plist = SparseWriters.plist(3 << 20, 1 << 20).getBytes(StandardCharsets.UTF_8);
        java.util.Random rnd = new java.util.Random(0x73707273L);
        for (int i = 0; i < 200; i++) {
            Path p;
            if (rnd.nextBoolean()) {
                byte[] image = seed.clone();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    image[rnd.nextInt(128)] = (byte) rnd.nextInt(256);
                }
                p = Files.write(tmp.resolve("case-" + i + ".sparseimage"), image);
            } else {
                byte[] text = plist.clone();
                for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                    text[rnd.nextInt(text.length)] = (byte) (32 + rnd.nextInt(95));
                }
                p = tmp.resolve("case-" + i + ".sparsebundle");
                Files.createDirectories(p.resolve("bands"));
                Files.write(p.resolve("Info.plist"), text);
                Files.write(p.resolve("bands").resolve("0"), new byte[4096]);
            }
            Path image = p;
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
                try (MediaReader r = image.toString().endsWith("bundle")
                        ? SparseBundleReader.open(image)
                        : SparseImageReader.open(image)) {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    for (long off = 0; off < Math.min(r.sizeBytes(), 4L << 20); off += b.capacity()) {
                        r.read(off, b.clear());
                    }
                } catch (java.io.IOException e) {
                    assertThat(e.getMessage())
                            .contains(image.getFileName().toString())
                            .doesNotContain("Exception");
                }
            });
        }
    }
}

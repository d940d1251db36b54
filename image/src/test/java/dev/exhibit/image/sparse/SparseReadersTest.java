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
                .hasMessageContaining("token: encrypted sparse bundle header (encrcdsa) at byte 0")
                .hasMessageContaining("Exhibit cannot decrypt it");
    }
}

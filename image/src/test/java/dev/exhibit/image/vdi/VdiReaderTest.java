package dev.exhibit.image.vdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.MediaReaders;
import dev.exhibit.image.TestMedia;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.Oracles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VdiReaderTest {
    @TempDir
    Path tmp;

    private Path vdi(String options) throws IOException {
        Path raw = TestMedia.mixedDisk(tmp.resolve("d.raw"), 3 << 20);
        Path vdi = tmp.resolve("d.vdi");
        Proc.run("qemu-img", "convert", "-f", "raw", "-O", "vdi", "-o", options, raw.toString(), vdi.toString())
                .ok();
        return vdi;
    }

    @ParameterizedTest
    @ValueSource(strings = {"static=off", "static=on"})
    void read_decodesDynamicAndFixedVdiAsQemuImgDoes(String options) throws Exception {
        Path vdi = vdi(options);
        try (MediaReader r = MediaReaders.open(vdi)) {
            assertThat(r.format()).isEqualTo("vdi");
            assertThat(TestMedia.md5(r, 100_000)).isEqualTo(Oracles.md5(Oracles.qemuRaw(vdi, tmp)));
            long[] census = ((VdiReader) r).blockCensus();
            assertThat(census[0]).isPositive();
        }
    }

    @Test
    void read_refusesABlockPastTheEndOfTheFile() throws Exception {
        Path vdi = vdi("static=off");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(vdi)).order(ByteOrder.LITTLE_ENDIAN);
        int map = b.getInt(340);
        b.putInt(map, 1_000_000);
        Files.write(vdi, b.array());
        try (MediaReader r = MediaReaders.open(vdi)) {
            assertThatThrownBy(() -> r.read(0, ByteBuffer.allocate(512)))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("d.vdi: VDI block map entry 0")
                    .hasMessageContaining("block 1000000 lies past the end of the file");
        }
    }

    @Test
    void open_refusesABlockMapPastTheEndOfTheFile() throws Exception {
        Path vdi = vdi("static=off");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(vdi)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(384, 1 << 24);
        Files.write(vdi, b.array());
        assertThatThrownBy(() -> MediaReaders.open(vdi))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("d.vdi: VDI header field at byte 340: block map at byte 512 (67108864 bytes)");
    }

    /** Seeded mutations of the header and block map: only IOExceptions naming the file, quickly. */
    @Test
    void openAndRead_onMutatedImages_failOnlyWithClearIoErrors() throws Exception {
        byte[] seed = Files.readAllBytes(vdi("static=off"));
        Random rnd = new Random(0x766469L);
        for (int i = 0; i < 200; i++) {
            byte[] image = seed.clone();
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                int at = rnd.nextBoolean() ? 64 + rnd.nextInt(336) : 512 + rnd.nextInt(16);
                image[at] = (byte) rnd.nextInt(256);
            }
            Path p = Files.write(tmp.resolve("case-" + i + ".vdi"), image);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (VdiReader r = VdiReader.open(p)) {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    for (long off = 0; off < Math.min(r.sizeBytes(), 4L << 20); off += b.capacity()) {
                        r.read(off, b.clear());
                    }
                } catch (IOException e) {
                    assertThat(e.getMessage())
                            .contains(p.getFileName().toString())
                            .doesNotContain("Exception");
                }
            });
            Files.delete(p);
        }
    }
}

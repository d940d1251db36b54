package dev.exhibit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.SharedImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerFormatTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "keramics-hfsplus_zlib.dmg, DMG",
        "keramics-hfsplus_lzfse.dmg, DMG",
        "keramics-fat16.qcow2, QCOW2",
        "keramics-ext2.E01, E01",
        "dfvfs-hfsplus.raw, RAW"
    })
    void detect_tellsTheContainerByContentWhateverTheName(String name, ContainerFormat expected) throws Exception {
        Path renamed = tmp.resolve("evidence.bin");
        Files.copy(SharedImages.get(name), renamed);
        assertThat(ContainerFormat.detect(renamed)).isEqualTo(expected);
    }

    @Test
    void detect_namesVirtualDisksLibtskReadsItself() throws Exception {
        Path raw = Files.write(tmp.resolve("d.raw"), new byte[1 << 20]);
        for (String format : new String[] {"vmdk", "vpc", "vhdx", "vdi"}) {
            Path out = tmp.resolve("d." + format);
            Proc.run("qemu-img", "convert", "-f", "raw", "-O", format, raw.toString(), out.toString())
                    .ok();
            assertThat(ContainerFormat.detect(out).label()).as(format).isEqualTo(format.equals("vpc") ? "vhd" : format);
        }
    }

    @Test
    void open_refusesAContainerItDetectsButDoesNotDecode() throws Exception {
        byte[] qcow1 = new byte[8192];
        java.nio.ByteBuffer.wrap(qcow1).putInt(0, 0x514649FB).putInt(4, 1);
        Path image = Files.write(tmp.resolve("disk.img"), qcow1);
        assertThatThrownBy(() -> MediaReaders.open(image))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("disk.img is a QEMU copy-on-write v1 (qcow), which Exhibit does not decode yet");
    }
}

package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDENTIFY DEVICE data built by the ACS-3 layout, decoded by us and by {@code hdparm --Istdin} as the oracle. */
class AtaIdentifyTest {
    @TempDir
    Path dir;

    @Test
    void fields_agreeWithHdparm_forA48BitDriveWith4KiBPhysicalSectors() throws IOException {
        IdentifyBuilder b = new IdentifyBuilder()
                .string(10, 10, "WD-WCAZA1234567")
                .string(23, 4, "01.01A01")
                .string(27, 20, "WDC WD5000AAKX-00ERMA0")
                .word(82, 0x4000 | 1 << 10)
                .word(83, 0x4000 | 1 << 10 | 1 << 11)
                .word(86, 1 << 10)
                .lba48(976_772_168L)
                .word(106, 0x4000 | 1 << 13 | 3);
        AtaIdentify id = new AtaIdentify(b.build());
        String hdparm = hdparm(b.build());

        assertThat(id.model()).isEqualTo(field(hdparm, "Model Number:"));
        assertThat(id.serial()).isEqualTo(field(hdparm, "Serial Number:"));
        assertThat(id.firmware()).isEqualTo(field(hdparm, "Firmware Revision:"));
        assertThat(id.userSectors()).isEqualTo(Long.parseLong(field(hdparm, "LBA48  user addressable sectors:")));
        assertThat(id.logicalSectorBytes() + " bytes").isEqualTo(field(hdparm, "Logical  Sector size:"));
        assertThat(id.physicalSectorBytes() + " bytes").isEqualTo(field(hdparm, "Physical Sector size:"));
        assertThat(id.supportsHpa()).isEqualTo(hdparm.contains("Host Protected Area feature set"));
        assertThat(id.supportsDco()).isEqualTo(hdparm.contains("Device Configuration Overlay feature set"));
        assertThat(id.checksumValid()).isEqualTo(hdparm.contains("Checksum: correct"));
        assertThat(id.supportsHpa()).isTrue();
        assertThat(id.checksumValid()).isTrue();
        assertThat(id.isAta()).isTrue();
    }

    @Test
    void fields_agreeWithHdparm_forA28BitDriveWithoutHpaOrDco() throws IOException {
        IdentifyBuilder b = new IdentifyBuilder()
                .string(10, 10, "5JV1XYZ0")
                .string(23, 4, "3.AAE")
                .string(27, 20, "ST340014A")
                .word(60, 0x8C00)
                .word(61, 0x04A8)
                .word(82, 0x4000)
                .word(83, 0x4000);
        AtaIdentify id = new AtaIdentify(b.build());
        String hdparm = hdparm(b.build());
        assertThat(id.model()).isEqualTo(field(hdparm, "Model Number:"));
        assertThat(id.userSectors()).isEqualTo(Long.parseLong(field(hdparm, "LBA    user addressable sectors:")));
        assertThat(id.supportsLba48()).isFalse();
        assertThat(id.supportsHpa()).isFalse().isEqualTo(hdparm.contains("Host Protected Area feature set"));
        assertThat(id.supportsDco()).isFalse();
        assertThat(id.physicalSectorBytes()).isEqualTo(512);
    }

    @Test
    void checksum_aFlippedByteIsNoticed_asHdparmDoes() throws IOException {
        byte[] data = new IdentifyBuilder().string(27, 20, "X").word(83, 0x4000).build();
        data[100] ^= 1;
        assertThat(new AtaIdentify(data).checksumValid()).isFalse();
        assertThat(hdparm(data)).doesNotContain("Checksum: correct");
    }

    private String hdparm(byte[] data) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (int w = 0; w < 256; w++) {
            int word = (data[2 * w] & 0xFF) | (data[2 * w + 1] & 0xFF) << 8;
            hex.append(String.format("%04x", word)).append(w % 8 == 7 ? "\n" : " ");
        }
        Path in = Files.writeString(dir.resolve("identify.txt"), hex);
        return Proc.run("sh", "-c", "hdparm --Istdin < " + in).ok().stdout();
    }

    private static String field(String hdparm, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(.*?)\\s*$", Pattern.MULTILINE)
                .matcher(hdparm);
        assertThat(m.find()).as("hdparm prints '%s' in:%n%s", label, hdparm).isTrue();
        return m.group(1);
    }

    /** IDENTIFY data laid out as ACS-3 says, with a valid integrity word. */
    static final class IdentifyBuilder {
        private final int[] words = new int[256];

        IdentifyBuilder() {
            words[0] = 0x0040;
            words[49] = 1 << 9; // LBA supported
            words[80] = 0x07F0; // ATA-4 to ATA-10
        }

        IdentifyBuilder word(int index, int value) {
            words[index] = value;
            return this;
        }

        IdentifyBuilder string(int first, int count, String text) {
            String padded = String.format("%-" + 2 * count + "s", text);
            for (int i = 0; i < count; i++) {
                words[first + i] = padded.charAt(2 * i) << 8 | padded.charAt(2 * i + 1);
            }
            return this;
        }

        IdentifyBuilder lba48(long sectors) {
            words[60] = 0xFFFF;
            words[61] = 0x0FFF;
            for (int i = 0; i < 4; i++) {
                words[100 + i] = (int) (sectors >>> (16 * i)) & 0xFFFF;
            }
            return this;
        }

        byte[] build() {
            byte[] data = new byte[512];
            int sum = 0;
            for (int w = 0; w < 255; w++) {
                data[2 * w] = (byte) words[w];
                data[2 * w + 1] = (byte) (words[w] >> 8);
                sum += (words[w] & 0xFF) + (words[w] >> 8 & 0xFF);
            }
            data[510] = (byte) 0xA5;
            data[511] = (byte) (-(sum + 0xA5));
            return data;
        }
    }
}

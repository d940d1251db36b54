package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdevPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void read_takesTheEnvironmentLinesAndDecodesEncodedValues() throws IOException {
        Path db = Files.writeString(dir.resolve("b8:16"), """
                S:disk/by-id/ata-WDC_WD5000AAKX-00ERMA0_WD-WCAZA1234567
                I:1234567
                E:ID_BUS=ata
                E:ID_MODEL=WDC_WD5000AAKX-00ERMA0
                E:ID_MODEL_ENC=WDC\\x20WD5000AAKX-00ERMA0\\x20\\x20
                E:ID_SERIAL_SHORT=WD-WCAZA1234567
                G:systemd
                """);
        UdevProperties p = UdevProperties.read(db);
        assertThat(p.get("ID_BUS")).contains("ata");
        assertThat(p.get("ID_MODEL_ENC")).contains("WDC WD5000AAKX-00ERMA0");
        assertThat(p.get("ID_SERIAL_SHORT")).contains("WD-WCAZA1234567");
        assertThat(p.get("ID_VENDOR")).isEmpty();
    }

    @Test
    void read_missingDatabase_isEmpty() throws IOException {
        assertThat(UdevProperties.read(dir.resolve("b7:99")).isEmpty()).isTrue();
    }
}

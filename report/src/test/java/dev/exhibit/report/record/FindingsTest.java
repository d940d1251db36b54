package dev.exhibit.report.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.report.fixtures.HostileNames;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examiner's findings file: kept exactly, hashed as sha256sum hashes it, refused when it is not UTF-8 text. */
class FindingsTest {
    @TempDir
    Path tmp;

    @Test
    void read_keepsTheTextExactlyWithTheFilesSha256() throws Exception {
        String text = "\uFEFFFirst paragraph, with " + HostileNames.SCRIPT_CLOSE + "\r\n\r\nSecond: ÄÖÜ € "
                + HostileNames.RLO + "\n";
        Path file = Files.writeString(tmp.resolve("findings.txt"), text, StandardCharsets.UTF_8);

        Findings f = Findings.read(file);

        assertThat(f.text()).isEqualTo(text);
        assertThat(f.file()).isEqualTo("findings.txt");
        assertThat(f.sha256())
                .isEqualTo(
                        Proc.firstField(Proc.run("sha256sum", file.toString()).ok()));
        assertThat(f.toJson().path("text").asText()).isEqualTo(text);
    }

    @Test
    void read_refusesBytesThatAreNotUtf8NamingTheOffset() throws Exception {
        Path file = Files.write(tmp.resolve("latin1.txt"), "Befund: Stra\u00dfe".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Findings.read(file))
                .isInstanceOf(ExhibitException.class)
                .hasMessage("--findings " + file + ": byte offset 12 (0xDF) is not UTF-8; save the findings as UTF-8"
                        + " text")
                .extracting(e -> ((ExhibitException) e).kind())
                .isEqualTo(ExhibitException.Kind.USAGE);
    }

    @Test
    void read_refusesAFileWithoutText() throws Exception {
        Path file = Files.writeString(tmp.resolve("empty.txt"), " \n\n\t\n");

        assertThatThrownBy(() -> Findings.read(file)).hasMessage("--findings " + file + " holds no text");
    }

    @Test
    void read_ofRandomBytesGivesFindingsOrOneUsageError() throws Exception {
        Random random = new Random(13);
        Path file = tmp.resolve("fuzz.txt");
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (i % 2 == 0) {
                // Mostly ASCII with a few high bytes, so both outcomes are exercised.
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = (byte) (random.nextInt(10) == 0 ? bytes[j] : 0x20 + (bytes[j] & 0x3F));
                }
            }
            Files.write(file, bytes);
            try {
                Findings f = Findings.read(file);
                assertThat(f.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
            } catch (ExhibitException e) {
                assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE);
                assertThat(e.getMessage()).startsWith("--findings " + file).doesNotContain("\n");
            }
        }
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit analyze} on containers libtsk 4.11 cannot read (DMG, QCOW2), end to end through picocli and the
 * sandbox worker, where Exhibit's readers feed libtsk; every run proves the image unchanged.
 */
class AnalyzeContainersCommandTest {
    @TempDir
    Path tmp;

    private static CliRunner.BytesResult analyze(Path image, String... args) {
        Unchanged before = Unchanged.of(List.of(image));
        CliRunner.BytesResult r = CliRunner.runBytes(args);
        before.verify();
        return r;
    }

    @Test
    void summary_ofADmg_namesTheContainerItsCodecsAndChecksumState() {
        Path dmg = SharedImages.get("keramics-hfsplus_zlib.dmg");
        CliRunner.BytesResult r = analyze(dmg, "analyze", dmg.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.text())
                .contains("Format: dmg (Apple UDIF disk image, decoded by Exhibit)")
                .contains("Container: Apple UDIF disk image; codecs ignore 4, zero 2, zlib 8; checksums verified")
                .contains("hfsp, label \"hfsplus_test\"");
    }

    @Test
    void files_andCat_ofADmg_areWhatFlsAndIcatGiveOnSevenZipsDecoding() {
        Path dmg = SharedImages.get("keramics-hfsplus_lzma.dmg");
        Path raw = Oracles.sevenZipRaw(dmg, tmp);
        CliRunner.BytesResult files =
                analyze(dmg, "analyze", "files", "--bodyfile", "--partition", "p1", dmg.toString());
        assertThat(files.exit()).as(files.toString()).isZero();
        assertThat(new String(files.out(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(Tsk.bodyfile(raw, 40, null), StandardCharsets.ISO_8859_1));
        CliRunner.BytesResult cat = analyze(dmg, "analyze", "cat", dmg.toString(), "/testdir1/testfile1");
        assertThat(cat.exit()).as(cat.toString()).isZero();
        assertThat(cat.out()).isNotEmpty().isEqualTo(Tsk.icat(raw, 40, null, "21", false));
    }

    @Test
    void export_ofAQcow2_writesItsFiles() throws Exception {
        Path qcow2 = SharedImages.get("keramics-fat16.qcow2");
        Path dest = tmp.resolve("out");
        CliRunner.BytesResult r = analyze(qcow2, "analyze", "export", qcow2.toString(), dest.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(dest.resolve("manifest.jsonl"))).isNotEmpty();
    }

    @Test
    void files_ofAnLzfseDmg_isWhatFlsWritesOnSevenZipsDecoding() {
        Path dmg = SharedImages.get("keramics-hfsplus_lzfse.dmg");
        Path raw = Oracles.sevenZipRaw(dmg, tmp);
        CliRunner.BytesResult files =
                analyze(dmg, "analyze", "files", "--bodyfile", "--partition", "p1", dmg.toString());
        assertThat(files.exit()).as(files.toString()).isZero();
        assertThat(new String(files.out(), StandardCharsets.ISO_8859_1))
                .contains("testfile1")
                .isEqualTo(new String(Tsk.bodyfile(raw, 40, null), StandardCharsets.ISO_8859_1));
    }

    @Test
    void summary_ofAnEncryptedDmg_refusesItClearly() throws Exception {
        byte[] body = new byte[8192];
        System.arraycopy("encrcdsa".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 8);
        Path dmg = Files.write(tmp.resolve("secret.dmg"), body);
        CliRunner.BytesResult r = analyze(dmg, "analyze", dmg.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err())
                .contains("secret.dmg: encrypted disk image at byte 0")
                .contains("Exhibit cannot decrypt it")
                .doesNotContain("\tat ");
    }
}

package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import dev.exhibit.testkit.SparseBundles;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DMG and QCOW2, which libtsk 4.11 cannot read, analysed through Exhibit's readers handed to libtsk as external
 * images: listings and contents equal The Sleuth Kit's tools run on the raw disk 7-Zip or qemu-img decode.
 */
class DecodedContainerTest {
    /** Where hdiutil puts the HFS+ partition of these GPT disks (mmls on the decoded raw agrees). */
    private static final long HFS_SECTOR = 40;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"adc", "bzip2", "lzfse", "lzma", "zlib"})
    void bodyfile_ofTheHfsPlusInsideADmg_isWhatFlsWritesOnTheDecodedDisk(String codec) {
        Path dmg = SharedImages.get("keramics-hfsplus_" + codec + ".dmg");
        Unchanged before = Unchanged.of(List.of(dmg));
        Path raw = Oracles.sevenZipRaw(dmg, tmp);
        assertThat(Tsk.mmls(raw))
                .anyMatch(r -> r.startSector() == HFS_SECTOR && r.description().contains("disk image"));
        String ours = new String(Run.body(dmg, Run.sector(HFS_SECTOR)).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(ours)
                .contains("testfile1")
                .isEqualTo(new String(Tsk.bodyfile(raw, HFS_SECTOR, null), StandardCharsets.ISO_8859_1));
        String whole = new String(Run.body(dmg, Selection.ALL).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(whole).isEqualTo(new String(Tsk.gettimes(raw), StandardCharsets.ISO_8859_1));
        before.verify();
    }

    @Test
    void cat_ofAFileInsideADmg_isWhatIcatReadsOnTheDecodedDisk() {
        Path dmg = SharedImages.get("keramics-hfsplus_bzip2.dmg");
        Path raw = Oracles.sevenZipRaw(dmg, tmp);
        Run.Output out = Run.cat(dmg, Run.sector(HFS_SECTOR), "/testdir1/testfile1", null, false);
        assertThat(out.problems()).isEmpty();
        assertThat(out.bytes()).isNotEmpty().isEqualTo(Tsk.icat(raw, HFS_SECTOR, null, "21", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keramics-fat16.qcow2", "keramics-fat32.qcow2"})
    void bodyfile_ofAQcow2_isWhatFlsWritesOnQemuImgsRaw(String name) {
        Path qcow2 = SharedImages.get(name);
        Path raw = Oracles.qemuRaw(qcow2, tmp);
        String ours = new String(Run.body(qcow2, Selection.ALL).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(ours).isNotEmpty().isEqualTo(new String(Tsk.bodyfile(raw, 0, null), StandardCharsets.ISO_8859_1));
    }

    @Test
    void bodyfile_ofAVdi_isWhatFlsWritesOnTheRawItWasMadeFrom() {
        Path raw = SharedImages.get("dfvfs-hfsplus.raw");
        Path vdi = tmp.resolve("hfsplus.vdi");
        Proc.run("qemu-img", "convert", "-f", "raw", "-O", "vdi", raw.toString(), vdi.toString())
                .ok();
        String ours = new String(Run.body(vdi, Selection.ALL).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(ours).isNotEmpty().isEqualTo(new String(Tsk.bodyfile(raw, 0, null), StandardCharsets.ISO_8859_1));
    }

    @Test
    void bodyfile_ofASparseBundle_isWhatFlsWritesOnTheRawItsBandsWereCutFrom() {
        Path raw = SharedImages.get("dfvfs-hfsplus.raw");
        Path bundle = SparseBundles.cut(raw, tmp.resolve("hfsplus.sparsebundle"), 1 << 20);
        String ours = new String(Run.body(bundle, Selection.ALL).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(ours).isNotEmpty().isEqualTo(new String(Tsk.bodyfile(raw, 0, null), StandardCharsets.ISO_8859_1));
    }
}

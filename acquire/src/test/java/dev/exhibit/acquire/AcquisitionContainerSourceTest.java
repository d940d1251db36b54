package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.log;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.verify.Verifier;
import dev.exhibit.acquire.verify.VerifyReport;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import dev.exhibit.testkit.SparseBundles;
import dev.exhibit.testkit.Unchanged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DMG or a QCOW2 as the source: detected by content and acquired as the disk it holds (a raw acquisition of the
 * decoded media, hashes logged), equal to what 7-Zip and qemu-img decode; a chunk Exhibit cannot decode stops the run
 * in one line naming it.
 */
class AcquisitionContainerSourceTest {
    @TempDir
    Path dir;

    @Test
    void acquire_ofADmg_givesTheDiskSevenZipDecodesAndLogsItsHashes() throws IOException {
        Path dmg = SharedImages.get("keramics-hfsplus_bzip2.dmg");
        Unchanged before = Unchanged.of(List.of(dmg));
        Path out = dir.resolve("out");

        Acquire.of(dmg, out).run();

        before.verify();
        assertThat(Files.mismatch(out.resolve("image.raw"), Oracles.sevenZipRaw(dmg, dir)))
                .isEqualTo(-1);
        JsonNode source = log(out).first("source").orElseThrow();
        assertThat(source.path("kind").asText()).isEqualTo("dmg");
        assertThat(source.path("sectorSizes").asText()).isEqualTo("stated by the dmg image");
        assertThat(source.path("writeBlock").path("method").asText())
                .contains("a dmg image, read through Exhibit's own reader");
        AcquisitionOracle.assertLoggedHashesMatchImage(out);
    }

    @Test
    void verifySource_rereadsTheDmgToTheSameHashes() throws IOException {
        Path dmg = SharedImages.get("keramics-hfsplus_adc.dmg");
        Path out = dir.resolve("out");
        Acquire.of(dmg, out).run();

        VerifyReport r = Verifier.source(
                out,
                dmg,
                Invocation.of("exhibit", List.of("verify", "--source", out.toString())),
                Progress.NONE,
                new Cancellation());

        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.hashes().get(HashAlgorithm.SHA256))
                .isEqualTo(AcquisitionOracle.assertLoggedHashesMatchImage(out).get("sha256"));
    }

    @Test
    void acquire_ofAQcow2_givesTheDiskQemuImgDecodes() throws IOException {
        Path qcow2 = SharedImages.get("keramics-fat32.qcow2");
        Path out = dir.resolve("out");

        Acquire.of(qcow2, out).run();

        assertThat(Files.mismatch(out.resolve("image.raw"), Oracles.qemuRaw(qcow2, dir)))
                .isEqualTo(-1);
        assertThat(log(out).first("source").orElseThrow().path("kind").asText()).isEqualTo("qcow2");
        AcquisitionOracle.assertLoggedHashesMatchImage(out);
    }

    @Test
    void acquire_ofASparseBundleDirectory_givesTheDiskItsBandsWereCutFrom() throws IOException {
        Path raw = SharedImages.get("dfvfs-hfsplus.raw");
        Path bundle = SparseBundles.cut(raw, dir.resolve("disk.sparsebundle"), 1 << 20);
        Path out = dir.resolve("out");

        Acquire.of(bundle, out).run();

        assertThat(Files.mismatch(out.resolve("image.raw"), raw)).isEqualTo(-1);
        assertThat(log(out).first("source").orElseThrow().path("kind").asText()).isEqualTo("sparsebundle");
    }

    @Test
    void acquire_ofAnLzfseDmg_givesTheDiskSevenZipDecodes() throws IOException {
        Path dmg = SharedImages.get("keramics-hfsplus_lzfse.dmg");
        Path out = dir.resolve("out");

        Acquire.of(dmg, out).run();

        assertThat(Files.mismatch(out.resolve("image.raw"), Oracles.sevenZipRaw(dmg, dir)))
                .isEqualTo(-1);
        AcquisitionOracle.assertLoggedHashesMatchImage(out);
    }
}

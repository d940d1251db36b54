package dev.exhibit.image.dmg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.TestMedia;
import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmgReaderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"adc", "bzip2", "lzma", "zlib"})
    void read_decodesPublicDmgAsSevenZipDoes(String codec) throws Exception {
        Path dmg = SharedImages.get("keramics-hfsplus_" + codec + ".dmg");
        String expected = Oracles.md5(Oracles.sevenZipRaw(dmg, tmp));
        try (DmgReader r = DmgReader.open(dmg)) {
            assertThat(TestMedia.md5(r, 1 << 20)).isEqualTo(expected);
            // odd-sized reads cross chunk boundaries everywhere
            assertThat(TestMedia.md5(r, 4093)).isEqualTo(expected);
            DmgInfo info = r.info();
            assertThat(info.codecChunks()).containsKey(codec);
            assertThat(info.regions()).extracting(DmgInfo.Region::name).anyMatch(n -> n.contains("Apple_HFS"));
            assertThat(info.signature().present()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adc", "bzip2", "lzma", "zlib"})
    void verifyChecksums_matchesEveryRegionAndTheMaster(String codec) throws Exception {
        try (DmgReader r = DmgReader.open(SharedImages.get("keramics-hfsplus_" + codec + ".dmg"))) {
            DmgChecksums sums = r.verifyChecksums();
            assertThat(sums.master().state()).isEqualTo(DmgChecksums.State.MATCH);
            assertThat(sums.regions()).allMatch(x -> x.state() == DmgChecksums.State.MATCH);
            assertThat(sums.overall()).isEqualTo("verified");
        }
    }

    /** Until the LZFSE decoder is wired into {@link LzfseCodec}, a clear refusal; then 7-Zip's decoding. */
    @Test
    void read_decodesLzfseChunksOrRefusesThemClearlyUntilTheCodecLands() throws Exception {
        Path dmg = SharedImages.get("keramics-hfsplus_lzfse.dmg");
        try (DmgReader r = DmgReader.open(dmg)) {
            assertThat(r.info().codecChunks()).containsKey("lzfse");
            if (LzfseCodec.available()) {
                assertThat(TestMedia.md5(r, 1 << 20)).isEqualTo(Oracles.md5(Oracles.sevenZipRaw(dmg, tmp)));
                return;
            }
            assertThatThrownBy(() -> TestMedia.md5(r, 1 << 20))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("keramics-hfsplus_lzfse.dmg")
                    .hasMessageMatching(
                            "keramics-hfsplus_lzfse\\.dmg: LZFSE chunk 0 of region 0 at byte \\d+: not supported yet .*");
        }
    }
}

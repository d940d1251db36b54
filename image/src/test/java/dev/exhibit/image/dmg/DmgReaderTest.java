package dev.exhibit.image.dmg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.image.TestMedia;
import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmgReaderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"adc", "bzip2", "lzfse", "lzma", "zlib"})
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
    @ValueSource(strings = {"adc", "bzip2", "lzfse", "lzma", "zlib"})
    void verifyChecksums_matchesEveryRegionAndTheMaster(String codec) throws Exception {
        try (DmgReader r = DmgReader.open(SharedImages.get("keramics-hfsplus_" + codec + ".dmg"))) {
            DmgChecksums sums = r.verifyChecksums();
            assertThat(sums.master().state()).isEqualTo(DmgChecksums.State.MATCH);
            assertThat(sums.regions()).allMatch(x -> x.state() == DmgChecksums.State.MATCH);
            assertThat(sums.overall()).isEqualTo("verified");
        }
    }
}

package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentNamesTest {
    @Test
    void extension_runsE01ToE99ThenEAAToZZZ() {
        assertThat(SegmentNames.extension(1)).isEqualTo("E01");
        assertThat(SegmentNames.extension(99)).isEqualTo("E99");
        assertThat(SegmentNames.extension(100)).isEqualTo("EAA");
        assertThat(SegmentNames.extension(101)).isEqualTo("EAB");
        assertThat(SegmentNames.extension(100 + 26)).isEqualTo("EBA");
        assertThat(SegmentNames.extension(100 + 26 * 26)).isEqualTo("FAA");
        assertThat(SegmentNames.extension(SegmentNames.MAX_SEGMENTS)).isEqualTo("ZZZ");
        assertThat(SegmentNames.MAX_SEGMENTS).as("libewf's maximum").isEqualTo(14_971);
    }

    @Test
    void number_isTheInverseOfExtensionInEitherCase() {
        for (int n = 1; n <= SegmentNames.MAX_SEGMENTS; n++) {
            String ext = SegmentNames.extension(n);
            assertThat(SegmentNames.number(ext)).isEqualTo(n);
            assertThat(SegmentNames.number(ext.toLowerCase(java.util.Locale.ROOT)))
                    .isEqualTo(n);
        }
        assertThat(SegmentNames.number("E00")).isZero();
        assertThat(SegmentNames.number("raw")).as("RAW is a name of the scheme").isEqualTo(8910);
        assertThat(SegmentNames.number("DAA")).isZero();
        assertThat(SegmentNames.number("E1")).isZero();
    }

    @Test
    void extension_beyondZZZ_isRefused() {
        assertThatThrownBy(() -> SegmentNames.extension(SegmentNames.MAX_SEGMENTS + 1))
                .hasMessage("segment number 14972 outside 1..14971 (E01..ZZZ)");
    }
}

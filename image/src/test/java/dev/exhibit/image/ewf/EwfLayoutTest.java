package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EwfLayoutTest {
    private static final long GIB = 1L << 30;

    @Test
    void layout_defaults_giveChunksAndCounts() {
        EwfLayout l = new EwfLayout(
                GIB + 512,
                512,
                EwfLayout.DEFAULT_SECTORS_PER_CHUNK,
                EwfLayout.DEFAULT_SEGMENT_BYTES,
                EwfCompression.FAST,
                true,
                false);

        assertThat(l.chunkBytes()).isEqualTo(32768);
        assertThat(l.chunkCount()).isEqualTo(32769);
        assertThat(l.chunkMediaBytes(32768)).isEqualTo(512);
    }

    @Test
    void layout_segmentBelowTheMinimum_namesTheOption() {
        assertThatThrownBy(() -> new EwfLayout(GIB, 512, 64, 1_000_000, EwfCompression.FAST, true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--segment-size 1000000 bytes is outside 1048576..4611686018427387904");
    }

    @Test
    void layout_chunkSectorsNotAPowerOfTwo_namesTheOption() {
        assertThatThrownBy(() -> new EwfLayout(GIB, 512, 100, GIB, EwfCompression.FAST, true, false))
                .hasMessage("--chunk-sectors 100 is not a power of two from 64 to 32768 (what EnCase accepts)");
    }

    @Test
    void layout_segmentTooSmallForItsChunks_namesBoth() {
        assertThatThrownBy(() -> new EwfLayout(GIB, 512, 32768, 1 << 20, EwfCompression.FAST, true, false))
                .hasMessageStartingWith("--segment-size 1048576 bytes cannot hold one 16777216-byte chunk");
    }

    @Test
    void layout_tooManySegmentsForTheNames_isRefusedUpFront() {
        assertThatThrownBy(() -> new EwfLayout(1L << 45, 512, 64, 1 << 20, EwfCompression.FAST, true, false))
                .hasMessageContaining("more than the 14971 names E01..ZZZ; choose a larger segment size");
    }

    @Test
    void layout_mediaNotWholeSectors_isRefused() {
        assertThatThrownBy(() -> new EwfLayout(1000, 512, 64, GIB, EwfCompression.FAST, true, false))
                .hasMessage("media size 1000 bytes is not a positive multiple of the 512-byte sector");
    }

    @Test
    void compression_parse_namesTheUnknownValue() {
        assertThat(EwfCompression.parse("Empty-Block")).isEqualTo(EwfCompression.EMPTY_BLOCK);
        assertThat(EwfCompression.BEST.cliName()).isEqualTo("best");
        assertThatThrownBy(() -> EwfCompression.parse("deflate:fast"))
                .hasMessage("unknown compression 'deflate:fast' (known: none, empty-block, fast, best)");
    }
}

package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Error2SectionTest {
    @Test
    void normalise_sortsMergesAndCutsAtTheThirtyTwoBitLimit() {
        List<SectorRange> out = Error2Section.normalise(List.of(
                new SectorRange(50, 10),
                new SectorRange(10, 5),
                new SectorRange(14, 3),
                new SectorRange(60, 1),
                new SectorRange(0xFFFF_FFF0L, 0x20),
                new SectorRange(1L << 33, 1)));

        assertThat(out)
                .containsExactly(new SectorRange(10, 7), new SectorRange(50, 11), new SectorRange(0xFFFF_FFF0L, 0x10));
    }

    @Test
    void encode_thenDecode_givesTheRangesWithValidChecksums() throws Exception {
        List<SectorRange> ranges = List.of(new SectorRange(301, 11256), new SectorRange(12003, 6756));
        byte[] b = Error2Section.encode(ranges);

        assertThat(b).hasSize(520 + 16 + 4);
        assertThat(Error2Section.entryCount(b)).isEqualTo(2);
        assertThat(Bytes.adlerMatches(b, 0, 516)).isTrue();
        assertThat(Bytes.adlerMatches(b, 520, 16)).isTrue();
        assertThat(Error2Section.decode(null, 0, Arrays.copyOfRange(b, 520, 536)))
                .isEqualTo(ranges);
    }
}

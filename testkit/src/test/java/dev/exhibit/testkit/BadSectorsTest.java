package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NavigableSet;
import org.junit.jupiter.api.Test;

class BadSectorsTest {

    @Test
    void parse_singleSectorsAndInclusiveRanges() {
        assertThat(BadSectors.parse("3000, 2048-2051,7", 10_000))
                .containsExactly(7L, 2048L, 2049L, 2050L, 2051L, 3000L);
    }

    @Test
    void parse_randomIsDistinctWithinTheDeviceAndRepeatableBySeed() {
        NavigableSet<Long> a = BadSectors.parse("500@random:42", 2_000);
        assertThat(a).hasSize(500);
        assertThat(a.first()).isGreaterThanOrEqualTo(0);
        assertThat(a.last()).isLessThan(2_000);
        assertThat(BadSectors.parse("500@random:42", 2_000)).isEqualTo(a);
        assertThat(BadSectors.parse("500@random:43", 2_000)).isNotEqualTo(a);
    }

    @Test
    void parse_rejectsSectorsOutsideTheDevice() {
        assertThatThrownBy(() -> BadSectors.parse("10-100", 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10-100'")
                .hasMessageContaining("0-49");
    }

    @Test
    void parse_rejectsGarbageNamingTheItem() {
        assertThatThrownBy(() -> BadSectors.parse("12,abc", 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc'");
    }
}

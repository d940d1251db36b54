package dev.exhibit.analyze.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InodeAddressTest {
    @Test
    void parse_readsTheThreeFormsIcatTakes() {
        assertThat(InodeAddress.parse("12")).isEqualTo(new InodeAddress(12, null, null));
        assertThat(InodeAddress.parse("64-128")).isEqualTo(new InodeAddress(64, 128, null));
        assertThat(InodeAddress.parse("64-128-4")).isEqualTo(new InodeAddress(64, 128, 4));
        assertThat(InodeAddress.parse("64-128-4")).hasToString("64-128-4");
    }

    @Test
    void parse_takesInodeNumbersAsUnsigned64Bit() {
        InodeAddress max = InodeAddress.parse("18446744073709551615");
        assertThat(max.inode()).isEqualTo(-1L);
        assertThat(max).hasToString("18446744073709551615");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "12-", "a", "1-2-3-4", "64-128-65536", "18446744073709551616"})
    void parse_rejectsWhatIsNotAnAddressAsAUsageError(String text) {
        assertThatThrownBy(() -> InodeAddress.parse(text))
                .isInstanceOfSatisfying(
                        ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE));
    }
}

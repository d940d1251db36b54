package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HiddenAreaTest {

    @Test
    void compare_moreNativeThanUserSectors_isAPresentAreaWithTheHiddenRange() {
        HiddenArea hpa = HiddenAreaProbe.compare(1_000_000, 1_048_576, "user-addressable", "native");
        assertThat(hpa.state()).isEqualTo(HiddenArea.State.PRESENT);
        assertThat(hpa.hiddenSectors()).isEqualTo(48_576);
        assertThat(hpa.detail()).contains("48576 sectors hidden: sectors 1000000 to 1048575");
        assertThat(hpa.toJson().get("hiddenSectorCount").asLong()).isEqualTo(48_576);
        assertThat(hpa.toJson().get("state").asText()).isEqualTo("present");
    }

    @Test
    void compare_equalSizes_isAbsent_andSmallerFullSizeIsNotTrusted() {
        assertThat(HiddenAreaProbe.compare(500, 500, "native", "DCO maximum").state())
                .isEqualTo(HiddenArea.State.ABSENT);
        HiddenArea odd = HiddenAreaProbe.compare(500, 400, "native", "DCO maximum");
        assertThat(odd.state()).isEqualTo(HiddenArea.State.NOT_CHECKED);
        assertThat(odd.detail()).contains("inconsistent");
        assertThat(odd.toJson().has("hiddenSectorCount")).isFalse();
    }
}

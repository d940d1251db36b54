package dev.exhibit.acquire.writeblock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import org.junit.jupiter.api.Test;

class HardwareBlockerTest {

    @Test
    void parse_takesTheSerialAfterSnCommaOrTheLastWord() {
        assertThat(HardwareBlocker.parse("Tableau T35u 000ecc550123"))
                .isEqualTo(new HardwareBlocker("Tableau T35u", "000ecc550123"));
        assertThat(HardwareBlocker.parse("CRU WiebeTech USB WriteBlocker S/N: 12345-AB"))
                .isEqualTo(new HardwareBlocker("CRU WiebeTech USB WriteBlocker", "12345-AB"));
        assertThat(HardwareBlocker.parse("Tableau TX1, TX1-00 9876"))
                .isEqualTo(new HardwareBlocker("Tableau TX1", "TX1-00 9876"));
    }

    @Test
    void parse_withoutASerial_isAUsageError() {
        assertThatThrownBy(() -> HardwareBlocker.parse("Tableau"))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("'Tableau'")
                .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.USAGE));
    }

    @Test
    void toJson_recordsItAsDeclaredNotVerified() {
        var json = new HardwareBlocker("Tableau T35u", "0001").toJson();
        assertThat(json.get("model").asText()).isEqualTo("Tableau T35u");
        assertThat(json.get("serial").asText()).isEqualTo("0001");
        assertThat(json.get("verified").asBoolean()).isFalse();
    }
}

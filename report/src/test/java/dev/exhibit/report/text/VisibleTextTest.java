package dev.exhibit.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VisibleTextTest {
    @Test
    void of_keepsOrdinaryTextOfAnyScript() {
        String s = "café 東京 Ελλάδα <b>&\"'";
        assertThat(VisibleText.plain(s)).isEqualTo(s);
        assertThat(VisibleText.of(s).hasBadges()).isFalse();
    }

    @Test
    void of_showsBidiOverrideSoAnExtensionCannotBeDisguised() {
        assertThat(VisibleText.plain("invoice\u202Egpj.exe")).isEqualTo("invoice⟨U+202E⟩gpj.exe");
    }

    @Test
    void of_showsTerminalEscapesAndControlCharacters() {
        String shown = VisibleText.plain("a\u001b[31mb\u0007c\td\ne\u0085f\u0000");
        assertThat(shown).isEqualTo("a⟨U+001B⟩[31mb⟨U+0007⟩c⟨U+0009⟩d⟨U+000A⟩e⟨U+0085⟩f⟨U+0000⟩");
        assertThat(shown.chars().noneMatch(Character::isISOControl)).isTrue();
    }

    @Test
    void of_showsZeroWidthAndLineSeparatorsAndLoneSurrogates() {
        assertThat(VisibleText.plain("a\u200Bb\u2028c\uFEFFd\uD800e"))
                .isEqualTo("a⟨U+200B⟩b⟨U+2028⟩c⟨U+FEFF⟩d⟨U+D800⟩e");
    }

    @Test
    void of_showsALiteralOpeningBracketAsABadgeSoNamesCannotImitateOne() {
        assertThat(VisibleText.plain("⟨U+202E⟩")).isEqualTo("⟨U+27E8⟩U+202E⟩");
    }

    @Test
    void ofUtf8_showsEachInvalidByteAndDecodesTheRest() {
        byte[] raw = {'b', 'a', 'd', (byte) 0xFF, (byte) 0xFE, 'n', (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82};
        assertThat(VisibleText.ofUtf8(raw).toString()).isEqualTo("bad⟨0xFF⟩⟨0xFE⟩né⟨0xE2⟩⟨0x82⟩");
    }

    @Test
    void ofUtf8_ofValidUtf8EqualsTheDecodedString() {
        String s = "Überweisung_2026.pdf";
        assertThat(VisibleText.ofUtf8(s.getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo(s);
    }
}

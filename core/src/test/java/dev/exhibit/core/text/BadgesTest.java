package dev.exhibit.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The plain-text display form: what cannot be seen or would restyle a terminal shows as a badge, the rest as is. */
class BadgesTest {
    @Test
    void visible_badgesControlsBidiAndZeroWidth_andKeepsEveryOtherCharacter() {
        assertThat(Badges.visible("EV-1 é 😀 <b>&amp;")).isEqualTo("EV-1 é 😀 <b>&amp;");
        assertThat(Badges.visible("a\nb\u001b[31mc\u202Ed\u200Be\u0085"))
                .isEqualTo("a⟨U+000A⟩b⟨U+001B⟩[31mc⟨U+202E⟩d⟨U+200B⟩e⟨U+0085⟩");
        assertThat(Badges.visible("⟨U+0041⟩")).as("a badge cannot be imitated").isEqualTo("⟨U+27E8⟩U+0041⟩");
        assertThat(Badges.visible("x\uD800y")).isEqualTo("x⟨U+D800⟩y");
    }

    @Test
    void visible_ofInvalidUtf8AsJavaDecodesIt_badgesTheReplacementCharacter() {
        String decoded = new String(new byte[] {'a', (byte) 0xFF, 'b'}, StandardCharsets.UTF_8);
        assertThat(Badges.visible(decoded)).isEqualTo("a⟨U+FFFD⟩b");
    }
}

package dev.exhibit.analyze.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisplayTest {
    @Test
    void of_keepsValidUtf8AndBadgesWhatCannotBeSeen() {
        assertThat(Display.of("Grüße aus Köln.txt".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Grüße aus Köln.txt");
        assertThat(Display.of("invoice\u202Etxt.exe".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("invoice⟨U+202E⟩txt.exe");
        assertThat(Display.of("\u001b[31mred".getBytes(StandardCharsets.UTF_8))).isEqualTo("⟨U+001B⟩[31mred");
        assertThat(Display.of("zero\u200bwidth".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("zero⟨U+200B⟩width");
        assertThat(Display.of("del\u007fchar".getBytes(StandardCharsets.UTF_8))).isEqualTo("del⟨U+007F⟩char");
        assertThat(Display.of("c1_\u009b31m".getBytes(StandardCharsets.UTF_8))).isEqualTo("c1_⟨U+009B⟩31m");
        assertThat(Display.of("fake ⟨0xFF⟩".getBytes(StandardCharsets.UTF_8))).isEqualTo("fake ⟨U+27E8⟩0xFF⟩");
    }

    @Test
    void of_badgesEveryByteThatIsNotUtf8() {
        assertThat(Display.of(new byte[] {'b', (byte) 0xff, (byte) 0xfe, '.'})).isEqualTo("b⟨0xFF⟩⟨0xFE⟩.");
        assertThat(Display.of(new byte[] {'c', 'a', 'f', (byte) 0xe9})).isEqualTo("caf⟨0xE9⟩");
        // an overlong '/' and an encoded surrogate are not UTF-8 either
        assertThat(Display.of(new byte[] {(byte) 0xc0, (byte) 0xaf})).isEqualTo("⟨0xC0⟩⟨0xAF⟩");
        assertThat(Display.of(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}))
                .isEqualTo("⟨0xED⟩⟨0xA0⟩⟨0x80⟩");
    }

    @Test
    void writeJson_escapesQuotesAndBackslashesOfTheDisplayForm() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            byte[] raw = "\"a\\b\"\n".getBytes(StandardCharsets.UTF_8);
            Display.writeJson(out, raw, 0, raw.length);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\"\\\"a\\\\b\\\"⟨U+000A⟩\"");
    }
}

package dev.exhibit.analyze.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class XmlTextTest {
    @Test
    void write_escapesWhatXmlCannotHold_andTheBackslash() throws Exception {
        assertThat(text("a&b<c>'\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("a&amp;b&lt;c&gt;&apos;&quot;");
        assertThat(text(new byte[] {'n', 'e', 'w', '\n', 'l'})).isEqualTo("new\\x0Al");
        assertThat(text("back\\slash".getBytes(StandardCharsets.UTF_8))).isEqualTo("back\\x5Cslash");
        assertThat(text(new byte[] {'b', (byte) 0xFF, (byte) 0xFE})).isEqualTo("b\\xFF\\xFE");
        assertThat(text("non\uFFFEchar".getBytes(StandardCharsets.UTF_8))).isEqualTo("non\\xEF\\xBF\\xBEchar");
        assertThat(text("Grüße \u202E".getBytes(StandardCharsets.UTF_8))).isEqualTo("Grüße \u202E");
    }

    /** Any bytes: the element parses as XML 1.0, and decoding its text gives the bytes back. */
    @Test
    void fuzz_anyBytes_wellFormedAndReversible() throws Exception {
        SplittableRandom random = new SplittableRandom(20261207);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        for (int i = 0; i < 3000; i++) {
            byte[] raw = new byte[random.nextInt(60)];
            random.nextBytes(raw);
            if (random.nextBoolean()) {
                // mostly text, with the odd hostile byte
                for (int k = 0; k < raw.length; k++) {
                    raw[k] = random.nextInt(8) == 0 ? raw[k] : (byte) (0x20 + random.nextInt(0x5F));
                }
            }
            String xml = "<?xml version='1.0' encoding='UTF-8'?><f>" + text(raw) + "</f>";
            String parsed = f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement()
                    .getTextContent();
            assertThat(XmlText.decode(parsed)).isEqualTo(raw);
        }
    }

    private static String text(byte[] raw) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            XmlText.write(out, raw);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package dev.exhibit.analyze.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Evidence bytes as XML 1.0 character data, reversibly. XML cannot hold most control characters at all, nor bytes
 * that are not UTF-8, so such bytes are written as {@code \xHH} (upper-case hex), one per byte, and so is the
 * backslash itself ({@code \x5C}): decoding {@code \xHH} back to the byte HH gives the exact bytes. What is escaped:
 * every byte that is not part of a valid UTF-8 sequence, the C0 controls (a tab or a newline too: a name stays on one
 * line), U+FFFE and U+FFFF, which XML 1.0 cannot hold, and {@code \}. Everything else is written as itself (DEL and
 * the C1 controls too: XML holds them), {@code & < > ' "} as entities. This is fiwalk's convention (its {@code
 * validateOrEscapeUTF8}), so DFXML readers that know it read Exhibit's the same way.
 */
public final class XmlText {
    private XmlText() {}

    public static void write(ByteOut out, byte[] raw) throws IOException {
        int i = 0;
        while (i < raw.length) {
            int c = raw[i] & 0xFF;
            if (c < 0x80) {
                if (c < 0x20 || c == '\\') {
                    hex(out, c);
                } else {
                    switch (c) {
                        case '&' -> out.ascii("&amp;");
                        case '<' -> out.ascii("&lt;");
                        case '>' -> out.ascii("&gt;");
                        case '\'' -> out.ascii("&apos;");
                        case '"' -> out.ascii("&quot;");
                        default -> out.write(c);
                    }
                }
                i++;
                continue;
            }
            int n = Utf8.sequenceLength(raw, i, raw.length);
            int cp = n == 0 ? -1 : Utf8.decode(raw, i, n);
            if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF) {
                int end = n == 0 ? i + 1 : i + n;
                for (; i < end; i++) {
                    hex(out, raw[i] & 0xFF);
                }
                continue;
            }
            out.write(raw, i, n);
            i += n;
        }
    }

    /** The bytes a text written by {@link #write} stands for (after the XML parser has resolved the entities). */
    public static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int j = text.indexOf("\\x", i);
            int end = j < 0 ? text.length() : j;
            out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (j < 0) {
                break;
            }
            out.write(Integer.parseInt(text.substring(j + 2, j + 4), 16));
            i = j + 4;
        }
        return out.toByteArray();
    }

    private static void hex(ByteOut out, int b) throws IOException {
        out.write('\\').write('x').write(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
        out.write(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}

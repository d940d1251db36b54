package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.output.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Evidence bytes written into the timeline's formats: for people and CSV readers the display form
 * ({@link Display}: controls, bidirectional overrides and invalid UTF-8 as visible badges), for JSON the exact text.
 * Printable ASCII, nearly every name, is copied as it is; only other bytes take the slow way.
 */
final class Text {
    private Text() {}

    /** The display form inside a double-quoted CSV field: quotes doubled (the caller writes the outer quotes). */
    static void csv(ByteOut out, byte[] b, int from, int length) throws IOException {
        if (plain(b, from, length, '"')) {
            out.write(b, from, length);
            return;
        }
        out.write(Display.of(b, from, length).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
    }

    /** A Java string (an image path as typed) as it goes into a double-quoted CSV field, in its display form. */
    static byte[] csv(String s) {
        return Display.of(s).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The exact text inside a JSON string (the caller writes the quotes): {@code "}, {@code \} and control characters
     * escaped as JSON requires, every other character as itself. A byte that is not UTF-8 cannot be in a JSON string:
     * it is written as its badge ({@code ⟨0xFF⟩}), and the exact bytes travel beside it in base64.
     */
    static void json(ByteOut out, byte[] b, int from, int length) throws IOException {
        if (plain(b, from, length, '\\')) {
            out.write(b, from, length);
            return;
        }
        int end = from + length;
        int i = from;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == '"' || c == '\\') {
                out.write('\\').write(c);
                i++;
            } else if (c < 0x20 || c == 0x7F) {
                out.ascii(String.format(Locale.ROOT, "\\u%04x", c));
                i++;
            } else if (c < 0x80) {
                out.write(c);
                i++;
            } else {
                int n = Utf8.sequenceLength(b, i, end);
                if (n == 0) {
                    out.write(Display.of(b, i, 1).getBytes(StandardCharsets.UTF_8));
                    i++;
                } else {
                    out.write(b, i, n);
                    i += n;
                }
            }
        }
    }

    /** A Java string as it goes into a JSON string, exactly. */
    static byte[] json(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ByteOut out = ByteOut.to(java.nio.channels.Channels.newChannel(bytes))) {
            json(out, b, 0, b.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Printable ASCII without {@code "} and without {@code other}: written as it is in either form. */
    private static boolean plain(byte[] b, int from, int length, char other) {
        for (int i = from; i < from + length; i++) {
            byte c = b[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == other) {
                return false;
            }
        }
        return true;
    }
}

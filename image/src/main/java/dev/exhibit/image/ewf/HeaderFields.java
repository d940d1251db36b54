package dev.exhibit.image.ewf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the main category of a header2 or header text: the line after {@code main} names the fields ({@code c},
 * {@code n}, {@code a}...), the next holds their values, separated by TAB. header2 is UTF-16LE with a BOM; header is
 * a Windows code page (read as Windows-1252). Values are kept exactly as stored: they are evidence text, for the
 * caller to escape before display.
 */
final class HeaderFields {
    /** EnCase hangs at 1 MiB of header text; nothing needs more. */
    static final int MAX_TEXT_BYTES = 4 << 20;

    static final int MAX_MESSAGE_CHARS = 80;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private HeaderFields() {}

    /** Inflates a header section's zlib stream; null with {@code why[0]} set when it is not one. */
    static byte[] inflate(byte[] stream, String[] why) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(stream);
            byte[] out = new byte[Math.min(MAX_TEXT_BYTES, Math.max(256, stream.length * 8))];
            int n = 0;
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length >= MAX_TEXT_BYTES) {
                        why[0] = "text inflates to more than " + MAX_TEXT_BYTES + " bytes";
                        return null;
                    }
                    out = java.util.Arrays.copyOf(out, Math.min(MAX_TEXT_BYTES, out.length * 2));
                }
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    why[0] = "zlib stream is truncated";
                    return null;
                }
                n += k;
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            why[0] = "corrupt zlib stream: " + e.getMessage();
            return null;
        } finally {
            inf.end();
        }
    }

    static String decode(byte[] text) {
        if (text.length >= 2 && (text[0] & 0xFF) == 0xFF && (text[1] & 0xFF) == 0xFE) {
            return new String(text, 2, text.length - 2, StandardCharsets.UTF_16LE);
        }
        if (text.length >= 2 && (text[0] & 0xFF) == 0xFE && (text[1] & 0xFF) == 0xFF) {
            return new String(text, 2, text.length - 2, StandardCharsets.UTF_16BE);
        }
        return new String(text, WINDOWS_1252);
    }

    /** Field code to value, in the order stored; empty when there is no main category. */
    static Map<String, String> main(String text) {
        String[] lines = text.split("\r?\n", -1);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 2 < lines.length; i++) {
            if (lines[i].equals("main")) {
                String[] names = lines[i + 1].split("\t", -1);
                String[] values = lines[i + 2].split("\t", -1);
                for (int k = 0; k < names.length && k < values.length; k++) {
                    out.putIfAbsent(names[k], values[k]);
                }
                break;
            }
        }
        return out;
    }

    /** Evidence text for a message: control and format characters as {@code \\u{..}}, at most 80 characters. */
    static String visible(String value) {
        StringBuilder s = new StringBuilder();
        value.codePoints().limit(MAX_MESSAGE_CHARS).forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || c == '\\') {
                s.append(String.format("\\u{%x}", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > MAX_MESSAGE_CHARS ? s + "..." : s.toString();
    }
}

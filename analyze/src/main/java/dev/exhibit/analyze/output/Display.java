package dev.exhibit.analyze.output;

import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The display form of raw evidence bytes (names, labels, partition descriptions): valid UTF-8 as itself, and, as
 * visible badges, every byte that is not valid UTF-8 ({@code ⟨0xFF⟩}) and every character that would be invisible or
 * would rearrange or restyle what follows: C0/C1 controls such as ESC, bidirectional overrides, zero-width and other
 * format characters, line separators, non-characters ({@code ⟨U+202E⟩}). A literal {@code ⟨} is badged too, so a name
 * cannot imitate a badge. The report module shows evidence text the same way. The raw bytes always travel beside the
 * display form; this form is for reading, never for identifying.
 */
public final class Display {
    private static final byte[] OPEN = "⟨".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "⟩".getBytes(StandardCharsets.UTF_8);

    private Display() {}

    /** Receives the display form in pieces. */
    private interface Sink {
        void plain(byte[] raw, int from, int to) throws IOException;

        void badge(String label) throws IOException;
    }

    /** The display form as a string, for text output and messages. */
    public static String of(byte[] raw) {
        return of(raw, 0, raw.length);
    }

    public static String of(byte[] raw, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 8);
        try {
            scan(raw, off, len, new Sink() {
                @Override
                public void plain(byte[] b, int from, int to) {
                    sb.append(new String(b, from, to - from, StandardCharsets.UTF_8));
                }

                @Override
                public void badge(String label) {
                    sb.append('⟨').append(label).append('⟩');
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /** The display form of a Java string (a path the user typed, say). */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the display form as UTF-8 text, for people (the table of {@code analyze files}). */
    public static void write(ByteOut out, byte[] raw, int off, int len) throws IOException {
        scan(raw, off, len, new Sink() {
            @Override
            public void plain(byte[] b, int from, int to) throws IOException {
                out.write(b, from, to - from);
            }

            @Override
            public void badge(String label) throws IOException {
                out.write(OPEN).ascii(label).write(CLOSE);
            }
        });
    }

    /** Writes the display form as a JSON string literal, quotes included. */
    public static void writeJson(ByteOut out, byte[] raw, int off, int len) throws IOException {
        out.write('"');
        scan(raw, off, len, new Sink() {
            @Override
            public void plain(byte[] b, int from, int to) throws IOException {
                int run = from;
                for (int i = from; i < to; i++) {
                    if (b[i] == '"' || b[i] == '\\') {
                        out.write(b, run, i - run).write('\\').write(b[i]);
                        run = i + 1;
                    }
                }
                out.write(b, run, to - run);
            }

            @Override
            public void badge(String label) throws IOException {
                out.write(OPEN).ascii(label).write(CLOSE);
            }
        });
        out.write('"');
    }

    private static void scan(byte[] b, int off, int len, Sink sink) throws IOException {
        int end = off + len;
        int run = off;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int n = Utf8.sequenceLength(b, i, end);
            if (n == 0) {
                sink.plain(b, run, i);
                sink.badge(String.format(Locale.ROOT, "0x%02X", c));
                run = ++i;
                continue;
            }
            int cp = Utf8.decode(b, i, n);
            if (Badges.needed(cp)) {
                sink.plain(b, run, i);
                sink.badge(String.format(Locale.ROOT, "U+%04X", cp));
                run = i + n;
            }
            i += n;
        }
        sink.plain(b, run, end);
    }
}

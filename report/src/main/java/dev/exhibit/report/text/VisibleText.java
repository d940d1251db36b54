package dev.exhibit.report.text;

import dev.exhibit.core.text.Badges;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evidence strings made safe to look at: every character a reader could not see or that would rearrange or restyle
 * what follows (C0/C1 controls, bidirectional overrides, zero-width and other format characters, line separators,
 * lone surrogates) and every byte that is not valid UTF-8 becomes a visible badge such as {@code ⟨U+202E⟩} or
 * {@code ⟨0xFF⟩}. {@code rtl⟨U+202E⟩txt.exe} then reads as stored instead of displaying as {@code rtlexe.txt}, and a
 * terminal escape sequence in a name cannot recolour or clear a terminal.
 *
 * <p>The text itself is not escaped for any markup here: HTML escaping is the template engine's job, and a literal
 * {@code ⟨} is itself shown as a badge so that a name cannot imitate one.
 */
public final class VisibleText {
    /** One run of ordinary characters, or one badge standing for an invisible character or an invalid byte. */
    public sealed interface Part permits Plain, Badge {}

    public record Plain(String text) implements Part {}

    /**
     * @param label what the badge shows, e.g. {@code U+202E} or {@code 0xFF}
     * @param description what the character is, for a tooltip
     */
    public record Badge(String label, String description) implements Part {
        public String shown() {
            return "⟨" + label + "⟩";
        }
    }

    private final List<Part> parts;

    private VisibleText(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean hasBadges() {
        return parts.stream().anyMatch(p -> p instanceof Badge);
    }

    /** The whole text with badges written inline, for terminals and HTML attributes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p instanceof Badge b ? b.shown() : ((Plain) p).text());
        }
        return sb.toString();
    }

    /** The visible form of a Java string, which may hold lone surrogates (JSON allows them as escapes). */
    public static VisibleText of(String text) {
        Builder b = new Builder();
        if (text != null) {
            b.appendChars(text);
        }
        return b.build();
    }

    /** The visible form of raw bytes as found on disk: valid UTF-8 is decoded, every other byte becomes a badge. */
    public static VisibleText ofUtf8(byte[] raw) {
        Builder b = new Builder();
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length + 1);
        while (in.hasRemaining()) {
            CoderResult r = decoder.decode(in, out, true);
            out.flip();
            b.appendChars(out.toString());
            out.clear();
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    int v = in.get() & 0xFF;
                    b.badge(String.format(Locale.ROOT, "0x%02X", v), "byte that is not valid UTF-8");
                }
            } else if (r.isUnderflow()) {
                break;
            }
        }
        return b.build();
    }

    /** Plain terminal form of {@link #of(String)}. */
    public static String plain(String text) {
        return of(text).toString();
    }

    /** Whether {@code cp} is shown as a badge rather than as itself. */
    static boolean needsBadge(int cp) {
        return Badges.needed(cp);
    }

    private static String describe(int cp) {
        String name = Character.getName(cp);
        return name == null ? "unassigned or lone surrogate" : name.toLowerCase(Locale.ROOT);
    }

    private static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder run = new StringBuilder();

        void appendChars(String s) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (needsBadge(cp)) {
                    badge(String.format(Locale.ROOT, "U+%04X", cp), describe(cp));
                } else {
                    run.appendCodePoint(cp);
                }
            }
        }

        void badge(String label, String description) {
            flush();
            parts.add(new Badge(label, description));
        }

        private void flush() {
            if (!run.isEmpty()) {
                parts.add(new Plain(run.toString()));
                run.setLength(0);
            }
        }

        VisibleText build() {
            flush();
            return new VisibleText(parts);
        }
    }
}

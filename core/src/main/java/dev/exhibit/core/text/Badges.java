package dev.exhibit.core.text;

import java.util.Locale;

/**
 * Which characters of an evidence string are shown as a visible badge ({@code ⟨U+202E⟩}) instead of as themselves,
 * wherever Exhibit shows evidence text (the report, analysis output): every character a reader could not see or that
 * would rearrange or restyle what follows.
 */
public final class Badges {
    /** The badge opener, itself badged so that a name cannot imitate a badge. */
    public static final int OPEN = '⟨';

    private Badges() {}

    /**
     * C0/C1 controls, format characters (bidirectional overrides, zero-width), lone surrogates, line and paragraph
     * separators, U+FFFD, non-characters, and {@link #OPEN}.
     */
    public static boolean needed(int cp) {
        if (cp == OPEN) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> cp == 0xFFFD || (cp & 0xFFFE) == 0xFFFE;
        };
    }

    /**
     * The display form of a Java string for plain-text output (a text record, a terminal): every character that
     * {@link #needed} names becomes {@code ⟨U+XXXX⟩}, so a value stays on its one line and shows what it holds. A
     * string decoded from invalid UTF-8 carries U+FFFD there, which is badged too.
     */
    public static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (needed(cp)) {
                sb.append('⟨').append(String.format(Locale.ROOT, "U+%04X", cp)).append('⟩');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }
}

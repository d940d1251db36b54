package dev.exhibit.report.html;

import dev.exhibit.report.text.VisibleText;
import gg.jte.Content;
import gg.jte.TemplateOutput;
import gg.jte.html.escape.Escape;

/**
 * An evidence string for HTML element text: ordinary characters go through jte's context-aware escaping
 * ({@code writeUserContent}); each invisible character or invalid byte becomes a badge element whose only markup is
 * fixed here and whose label is a code point or byte value. Templates use {@code ${text}} in element content and
 * {@code ${text.plain()}} in attributes, never the badge markup in an attribute.
 */
public final class HtmlText implements Content {
    private final VisibleText text;

    private HtmlText(VisibleText text) {
        this.text = text;
    }

    public static HtmlText of(String s) {
        return new HtmlText(VisibleText.of(s));
    }

    public static HtmlText ofUtf8(byte[] raw) {
        return new HtmlText(VisibleText.ofUtf8(raw));
    }

    /** The text with badges inline as {@code ⟨U+202E⟩}, for attributes (jte escapes it) and tests. */
    public String plain() {
        return text.toString();
    }

    public boolean isEmpty() {
        return text.parts().isEmpty();
    }

    @Override
    public void writeTo(TemplateOutput output) {
        for (VisibleText.Part part : text.parts()) {
            switch (part) {
                case VisibleText.Plain p -> writeWords(p.text(), output);
                case VisibleText.Badge b -> {
                    output.writeContent("<span class=\"cc\" title=\"");
                    Escape.htmlAttribute(b.description(), output);
                    output.writeContent("\">");
                    Escape.htmlContent(b.shown(), output);
                    output.writeContent("</span>");
                }
            }
        }
    }

    /**
     * Text with line breaks only where a reader expects them. Browsers also break after a hyphen, which cuts
     * identifiers ({@code W-DEMO-} above {@code 1}), options ({@code --} above {@code description}) and paths
     * ({@code evidence/EV-} above {@code 001/...}); so a piece of a word that holds a hyphen is one inline block,
     * broken inside only when a whole line cannot hold it, and a path may break after each slash instead. Neither
     * adds a character: copying gives the text as it is.
     */
    private static void writeWords(String text, TemplateOutput output) {
        int start = 0;
        int word = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length() || Character.isWhitespace(text.charAt(i));
            // not after a leading slash: "/tmp" stays whole, as "/" alone at a line's end reads as something else
            boolean afterSlash = !end && i > start && i - 1 > word && text.charAt(i - 1) == '/';
            if (!end && !afterSlash) {
                continue;
            }
            String piece = text.substring(start, i);
            if (piece.indexOf('-') >= 0) {
                output.writeContent("<span class=\"w\">");
                output.writeUserContent(piece);
                output.writeContent("</span>");
            } else {
                output.writeUserContent(piece);
            }
            if (afterSlash) {
                output.writeContent("<wbr>");
                start = i;
            } else if (i < text.length()) {
                output.writeUserContent(text.substring(i, i + 1));
                start = i + 1;
                word = i + 1;
            }
        }
    }

    @Override
    public String toString() {
        return plain();
    }
}

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
                case VisibleText.Plain p -> output.writeUserContent(p.text());
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

    @Override
    public String toString() {
        return plain();
    }
}

package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.FindingsView;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The examiner's findings ({@code /findings} of the record) as paragraphs, split at blank lines. Inside a paragraph,
 * lines an editor wrapped are joined again, so the text flows on the page; a line that starts with a list marker
 * ({@code -}, {@code *}, {@code •}, {@code 1.}, {@code a)}) or with indentation starts a new line, so lists stay lists.
 * The text is evidence text like any other, since it may quote hostile names: each line is an {@link HtmlText}, escaped
 * and with invisible characters as badges.
 */
final class FindingsViews {
    /** A byte-order mark some editors write first; it is kept in the record and not shown. */
    private static final String BOM = "\uFEFF";

    private static final Pattern OWN_LINE = Pattern.compile("^(\\s|[-*•]\\s|\\d{1,3}[.)]\\s|[a-z][.)]\\s).*");

    private FindingsViews() {}

    /** {@code null} when the record holds no findings. */
    static FindingsView of(JsonNode findings) {
        if (!findings.isObject()) {
            return null;
        }
        String text = findings.path("text").asText("");
        if (text.startsWith(BOM)) {
            text = text.substring(BOM.length());
        }
        List<List<HtmlText>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                close(current, paragraphs);
            } else if (current.isEmpty() || OWN_LINE.matcher(line).matches()) {
                current.add(line.stripTrailing());
            } else {
                current.set(current.size() - 1, current.getLast() + " " + line.strip());
            }
        }
        close(current, paragraphs);
        return new FindingsView(
                ReportViews.text(findings, "file"), ReportViews.hex(findings, "sha256"), List.copyOf(paragraphs));
    }

    private static void close(List<String> lines, List<List<HtmlText>> paragraphs) {
        if (!lines.isEmpty()) {
            paragraphs.add(lines.stream().map(HtmlText::of).toList());
            lines.clear();
        }
    }
}

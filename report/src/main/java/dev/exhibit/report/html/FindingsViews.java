package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.FindingsView;
import java.util.ArrayList;
import java.util.List;

/**
 * The examiner's findings ({@code /findings} of the record) as paragraphs: split at blank lines, each line kept where
 * the examiner broke it (a list or an address stays as written). The text is evidence text like any other, since it
 * may quote hostile names: each line is an {@link HtmlText}, escaped and with invisible characters as badges.
 */
final class FindingsViews {
    /** A byte-order mark some editors write first; it is kept in the record and not shown. */
    private static final String BOM = "\uFEFF";

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
        List<HtmlText> current = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(List.copyOf(current));
                    current.clear();
                }
            } else {
                current.add(HtmlText.of(line));
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(List.copyOf(current));
        }
        return new FindingsView(
                ReportViews.text(findings, "file"), ReportViews.hex(findings, "sha256"), List.copyOf(paragraphs));
    }
}

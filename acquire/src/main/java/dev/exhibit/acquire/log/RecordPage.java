package dev.exhibit.acquire.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import dev.exhibit.core.text.Badges;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text page of sections and labelled fields, as the text record lays them out: UTF-8, one value per line,
 * labels in one column. Every line passes through {@link Badges#visible}, so a value from the log (an evidence number,
 * a path, a device model) cannot break a line, hide itself or restyle a terminal that prints the file: the log is
 * the record of truth, and a log rewritten by an attacker is hostile input.
 */
final class RecordPage {
    private static final int LABEL_WIDTH = 22;
    static final String NOT_LOGGED = "(not in the log)";
    static final String NOT_GIVEN = "(not given)";

    private final StringBuilder text = new StringBuilder();

    RecordPage heading(String title) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        return line(0, title);
    }

    /** {@code label: value}, the value aligned with the others of the section. */
    RecordPage field(String label, String value) {
        String head = "  " + label + ":";
        return line(0, head + " ".repeat(Math.max(1, LABEL_WIDTH + 2 - head.length())) + value);
    }

    RecordPage line(int indent, String line) {
        text.append(" ".repeat(indent)).append(Badges.visible(line)).append('\n');
        return this;
    }

    /** Columns padded to their widest cell; the first row is the header. */
    RecordPage table(int indent, List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int w = Badges.visible(row.get(i)).length();
                if (i == widths.size()) {
                    widths.add(w);
                } else {
                    widths.set(i, Math.max(widths.get(i), w));
                }
            }
        }
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = Badges.visible(row.get(i));
                sb.append(cell);
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(widths.get(i) - cell.length() + 2));
                }
            }
            line(indent, sb.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A logged value as text: {@link #NOT_GIVEN} for a JSON null, {@link #NOT_LOGGED} when the field is absent. */
    static String text(JsonNode record, String field) {
        JsonNode v = record.path(field);
        if (v.isMissingNode()) {
            return NOT_LOGGED;
        }
        return v.isNull() ? NOT_GIVEN : v.isValueNode() ? v.asText() : v.toString();
    }

    /** {@code 1 window}, {@code 2 windows}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The exact byte count first, then a binary-unit reading: {@code 10000000 bytes (9.54 MiB)}. */
    static String bytes(JsonNode value) {
        if (!value.canConvertToLong()) {
            return value.isMissingNode() ? NOT_LOGGED : value.asText();
        }
        long n = value.asLong();
        return n < 1024 ? n + " bytes" : n + " bytes (" + Sizes.human(n) + ")";
    }
}

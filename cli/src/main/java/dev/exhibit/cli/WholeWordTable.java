package dev.exhibit.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * A picocli text table whose wrapping columns break lines only at spaces, never inside a word such as a file name,
 * a list of hash names or a time. A word longer than its column is cut at the column's edge, as picocli does.
 */
final class WholeWordTable extends TextTable {
    private final ColorScheme scheme;
    private final Column[] columns;

    private WholeWordTable(ColorScheme scheme, Column[] columns) {
        super(scheme, columns);
        this.scheme = scheme;
        this.columns = columns;
        // Lines are measured in characters here; picocli must measure them the same way to write each one whole.
        setAdjustLineBreaksForWideCJKCharacters(false);
    }

    static WholeWordTable of(ColorScheme scheme, Column... columns) {
        return new WholeWordTable(scheme, columns);
    }

    /** A table with the columns of one picocli made, so that its layout stays picocli's. */
    static WholeWordTable like(TextTable picocli, ColorScheme scheme) {
        WholeWordTable table = new WholeWordTable(scheme, picocli.columns());
        table.indentWrappedLines = picocli.indentWrappedLines;
        return table;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns[col];
        if (column.overflow != Column.Overflow.WRAP
                || value == null
                || value.plainString().isEmpty()) {
            return super.putValue(row, col, value);
        }
        int first = Math.max(1, column.width - column.indent);
        int wrapped = Math.max(1, first - indentWrappedLines);
        List<int[]> lines = lines(value.plainString(), first, wrapped);
        Text indent = scheme.text(" ".repeat(indentWrappedLines));
        int r = row;
        for (int i = 0; i < lines.size(); i++) {
            Text line = value.substring(lines.get(i)[0], lines.get(i)[1]);
            if (i > 0) {
                addEmptyRow();
                r++;
                line = indent.concat(line);
            }
            // The line fits its column, so picocli writes it whole.
            super.putValue(r, col, line);
        }
        return new Cell(col, r);
    }

    /**
     * Where {@code text} breaks into lines of at most {@code first} characters, then {@code next}: as [start, end)
     * pairs, breaking at spaces (which are dropped), or inside a word only when it is longer than a line.
     */
    static List<int[]> lines(String text, int first, int next) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        int width = first;
        while (start < text.length()) {
            int end;
            if (text.length() - start <= width) {
                end = text.length();
            } else {
                end = text.lastIndexOf(' ', start + width);
                while (end > start && text.charAt(end - 1) == ' ') {
                    end--;
                }
                if (end <= start || text.substring(start, end).isBlank()) {
                    end = start + width;
                }
            }
            lines.add(new int[] {start, end});
            start = end;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            width = next;
        }
        return lines;
    }
}

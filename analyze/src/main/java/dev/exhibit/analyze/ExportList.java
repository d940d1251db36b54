package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.InodeAddress;
import dev.exhibit.core.ExhibitException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files {@code export --list FILE} names, one per line (docs/analyze.md): a path from the root in its display
 * form ({@code /Documents/notes.md}) or an inode address as fls writes it ({@code 12}, {@code 66-128-4}), either
 * after a partition's name and a colon ({@code p3:/Documents/notes.md}, {@code p3:66-128-4}). Blank lines and lines
 * starting with {@code #} are skipped; a trailing carriage return is dropped.
 */
final class ExportList {
    private static final Pattern LINE = Pattern.compile("(?:([pm][0-9]{1,9}):)?(/.*|[0-9][0-9-]*)");

    /**
     * One named file.
     *
     * @param line the line's number in the list, from 1
     * @param partition the partition's name, or {@code null} when the line gives none
     * @param path a display path from the root, or {@code null}
     * @param inode an inode address, or {@code null}
     */
    record Item(int line, String partition, String path, InodeAddress inode) {
        /** As the line gave it, for messages: {@code p3:/Documents/notes.md (line 4)}. */
        String describe() {
            return (partition == null ? "" : partition + ":") + (path != null ? path : inode.toString()) + " (line "
                    + line + ")";
        }

        /** The item as one request argument for the worker: its line number, a tab, its text. */
        String encode() {
            return line + "\t" + (partition == null ? "" : partition + ":") + (path != null ? path : inode);
        }
    }

    private ExportList() {}

    /** Parses the lines of a list; a line that is neither a path nor an address is a usage error naming it. */
    static List<Item> parse(List<String> lines, String source) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            items.add(item(i + 1, text, source));
        }
        if (items.isEmpty()) {
            throw ExhibitException.usage(source + " names no file (one path or inode address per line)");
        }
        return List.copyOf(items);
    }

    /** The items of a request, as {@link Item#encode} wrote them. */
    static List<Item> decode(List<String> encoded) {
        List<Item> items = new ArrayList<>();
        for (String e : encoded) {
            int tab = e.indexOf('\t');
            items.add(item(Integer.parseInt(e.substring(0, tab)), e.substring(tab + 1), "the list"));
        }
        return items;
    }

    private static Item item(int line, String text, String source) {
        Matcher m = LINE.matcher(text);
        // a NUL can be in no name Exhibit shows (it is a badge there), and would split the worker's request
        if (!m.matches() || text.indexOf('\0') >= 0) {
            throw ExhibitException.usage(source + " line " + line + ": '" + dev.exhibit.analyze.output.Display.of(text)
                    + "' is neither a path from the root (/Documents/notes.md) nor an inode address (12, 66-128-4),"
                    + " either after an optional partition name (p2:)");
        }
        String partition = m.group(1);
        String rest = m.group(2);
        if (rest.startsWith("/")) {
            return new Item(line, partition, rest, null);
        }
        try {
            return new Item(line, partition, null, InodeAddress.parse(rest));
        } catch (ExhibitException e) {
            throw ExhibitException.usage(source + " line " + line + ": " + e.getMessage());
        }
    }
}

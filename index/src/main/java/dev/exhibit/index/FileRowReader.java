package dev.exhibit.index;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Folds the result of {@link Search}'s query, one row per file and hash set it is in, into one {@link FileRow} per
 * file: the rows of a file are consecutive (the query orders by item and line).
 */
final class FileRowReader {
    private final Consumer<FileRow> sink;
    private FileRow current;
    private String currentItem;
    private long currentSeq = -1;
    private List<FileRow.HashSetHit> sets = new ArrayList<>();

    FileRowReader(Consumer<FileRow> sink) {
        this.sink = sink;
    }

    void add(ResultSet r) throws SQLException {
        String item = r.getString(1);
        long seq = r.getLong(2);
        if (current == null || seq != currentSeq || !item.equals(currentItem)) {
            finish();
            sets = new ArrayList<>();
            currentItem = item;
            currentSeq = seq;
            current = new FileRow(
                    item,
                    r.getString(3),
                    r.getString(4),
                    r.getBytes(5),
                    r.getString(6),
                    r.getBytes(7),
                    r.getString(8),
                    r.getString(9),
                    r.getString(10),
                    bool(r, 11),
                    bool(r, 12),
                    bool(r, 13),
                    r.getObject(14) == null ? null : r.getLong(14),
                    r.getString(15),
                    r.getString(16),
                    r.getString(17),
                    r.getString(18),
                    r.getString(19),
                    r.getString(20),
                    r.getString(21),
                    r.getString(22),
                    r.getString(23),
                    bool(r, 24),
                    sets,
                    r.getString(25),
                    r.getString(26),
                    r.getLong(27));
        }
        String set = r.getString(28);
        if (set != null) {
            String kind = r.getString(29);
            sets.add(new FileRow.HashSetHit(set, kind == null ? "unknown" : kind));
        }
    }

    private static Boolean bool(ResultSet r, int column) throws SQLException {
        boolean b = r.getBoolean(column);
        return r.wasNull() ? null : b;
    }

    void finish() {
        if (current != null) {
            sink.accept(current);
            current = null;
        }
    }
}

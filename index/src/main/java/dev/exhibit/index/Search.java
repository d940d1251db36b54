package dev.exhibit.index;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Searches of the case database. Every value the user gave is a bound parameter; the SQL text is made only of this
 * class's own fragments, so no name, glob or hash can change what a query does.
 */
public final class Search {
    private static final String FILES = "SELECT f.item_id, f.seq, f.partition, f.path, f.path_bytes, f.name,"
            + " f.name_bytes, f.stream, f.inode, f.meta_type, f.deleted, f.orphan, f.reallocated, f.size_bytes,"
            + " f.mtime, f.atime, f.ctime, f.crtime, f.md5, f.sha1, f.sha256, f.sha512, f.media_type,"
            + " f.extension_mismatch, s.relative_path, s.sha256, f.line, h.set_name, k.kind"
            + " FROM file f JOIN source s ON s.item_id = f.item_id AND s.source_key = f.source_key"
            + " LEFT JOIN hit h ON h.item_id = f.item_id AND h.seq = f.seq"
            + " LEFT JOIN hashset k ON k.item_id = h.item_id AND k.name = h.set_name";
    private static final String HAS_KIND = "EXISTS (SELECT 1 FROM hit h2 JOIN hashset k2 ON k2.item_id = h2.item_id"
            + " AND k2.name = h2.set_name WHERE h2.item_id = f.item_id AND h2.seq = f.seq AND k2.kind = ?)";

    private Search() {}

    /** Calls {@code sink} with every file or stream that {@code q} matches, item by item in listing order. */
    public static long files(CaseDatabase db, FileQuery q, Consumer<FileRow> sink) {
        Where w = new Where();
        if (q.nameGlob() != null) {
            String prefix = FileQuery.literalPrefix(q.nameGlob());
            if (db.url().isSqlite()) {
                // GLOB, not LIKE: SQLite's LIKE ignores ASCII case and so cannot use the name index
                w.add("f.name GLOB ?", FileQuery.globPrefix(prefix));
            } else {
                // the expression of the name index (V1__case_database.sql)
                w.add(
                        "left(f.name, 100) LIKE ? ESCAPE '\\'",
                        FileQuery.likePrefix(prefix.codePoints()
                                .limit(100)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                                .toString()));
            }
        }
        if (q.pathGlob() != null && q.pathGlob().contains("/")) {
            String glob = q.pathGlob().startsWith("/") ? q.pathGlob() : "/" + q.pathGlob();
            w.add("f.path LIKE ? ESCAPE '\\'", FileQuery.likePrefix(FileQuery.literalPrefix(glob)));
        }
        if (q.hash() != null) {
            w.add("f." + FileQuery.hashColumn(q.hash()) + " = ?", q.hash());
        }
        if (q.type() != null) {
            if (q.type().endsWith("/*")) {
                w.add(
                        "f.media_type LIKE ? ESCAPE '\\'",
                        FileQuery.likePrefix(q.type().substring(0, q.type().length() - 1)));
            } else {
                w.add("f.media_type = ?", q.type());
            }
        }
        if (q.notable()) {
            w.add(HAS_KIND, "notable");
        }
        if (q.known()) {
            w.add(HAS_KIND, "known");
        }
        if (q.deleted()) {
            w.add("(f.deleted = ? OR f.orphan = ?)", true, true);
        }
        if (q.item() != null) {
            w.add("f.item_id = ?", q.item());
        }
        if (q.from() != null || q.to() != null) {
            List<String> any = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (String col : List.of("f.mtime", "f.atime", "f.ctime", "f.crtime")) {
                List<String> both = new ArrayList<>();
                if (q.from() != null) {
                    both.add(col + " >= ?");
                    values.add(Times.of(q.from()));
                }
                if (q.to() != null) {
                    both.add(col + " < ?");
                    values.add(Times.of(q.to()));
                }
                any.add("(" + String.join(" AND ", both) + ")");
            }
            w.add("(" + String.join(" OR ", any) + ")", values.toArray());
        }
        String sql = FILES + w.sql() + " ORDER BY f.item_id, f.seq, h.set_name";
        long[] count = {0};
        try (PreparedStatement s = db.connection().prepareStatement(sql)) {
            w.bind(s);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                FileRowReader reader = new FileRowReader(row -> {
                    if ((q.name() == null || q.name().test("/" + row.name()))
                            && (q.path() == null || q.path().test(row.path()))) {
                        count[0]++;
                        sink.accept(row);
                    }
                });
                while (r.next()) {
                    reader.add(r);
                }
                reader.finish();
            }
        } catch (SQLException e) {
            throw CaseDatabase.failure(db.url(), "searching", e);
        }
        return count[0];
    }

    /**
     * Calls {@code sink} with every timeline event in [{@code q.from}, {@code q.to}) of {@code q.item} (or every
     * item), in time order; events of one instant in item and line order.
     */
    public static long events(CaseDatabase db, FileQuery q, Consumer<EventRow> sink) {
        Where w = new Where();
        if (q.from() != null) {
            w.add("e.time >= ?", Times.of(q.from()));
        }
        if (q.to() != null) {
            w.add("e.time < ?", Times.of(q.to()));
        }
        if (q.item() != null) {
            w.add("e.item_id = ?", q.item());
        }
        String sql =
                "SELECT e.time, e.macb, e.time_source, e.item_id, e.partition, e.inode, e.state, e.size_bytes, e.mode, e.uid,"
                        + " e.gid, e.message, e.record FROM event e" + w.sql() + " ORDER BY e.time, e.item_id, e.seq";
        long count = 0;
        try (PreparedStatement s = db.connection().prepareStatement(sql)) {
            w.bind(s);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.accept(new EventRow(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            r.getString(7),
                            longOrNull(r, 8),
                            r.getString(9),
                            longOrNull(r, 10),
                            longOrNull(r, 11),
                            r.getString(12),
                            r.getString(13)));
                    count++;
                }
            }
        } catch (SQLException e) {
            throw CaseDatabase.failure(db.url(), "reading the timeline", e);
        }
        return count;
    }

    private static Long longOrNull(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    /** The WHERE clause built from fixed fragments, and the values bound to their parameters in order. */
    private static final class Where {
        private final List<String> parts = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        void add(String fragment, Object... bound) {
            parts.add(fragment);
            values.addAll(List.of(bound));
        }

        String sql() {
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        void bind(PreparedStatement s) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof Boolean b) {
                    s.setBoolean(i + 1, b);
                } else {
                    s.setString(i + 1, (String) v);
                }
            }
        }
    }
}

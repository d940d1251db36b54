package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;

/**
 * The lines of {@code timeline.jsonl} (Timesketch's JSON Lines, docs/timeline.md) as rows of {@code event}; each
 * row keeps the line itself, so that the timeline read back from the database is the same bytes.
 */
final class EventRows {
    private static final int BATCH = 2000;

    private final String item;
    private final PreparedStatement insert;
    private long seq;
    private int pending;

    EventRows(Connection c, String item) throws SQLException {
        this.item = item;
        this.insert = c.prepareStatement("INSERT INTO event (item_id, seq, source_key, line, time, macb, time_source,"
                + " partition, inode, state, size_bytes, mode, uid, gid, message, path, path_bytes, record)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    void add(long line, String text, JsonNode r) throws SQLException {
        seq++;
        int i = 0;
        insert.setString(++i, item);
        insert.setLong(++i, seq);
        insert.setInt(++i, CaseItem.Source.TIMELINE.key);
        insert.setLong(++i, line);
        insert.setString(++i, Times.requireUtc(Json.required(r, "datetime", line), line));
        insert.setString(++i, Json.required(r, "macb", line));
        insert.setString(++i, Json.text(r, "source"));
        insert.setString(++i, Json.text(r, "partition"));
        insert.setString(++i, Json.text(r, "inode"));
        insert.setString(++i, Json.text(r, "state"));
        number(++i, r, "size");
        insert.setString(++i, Json.text(r, "mode"));
        number(++i, r, "uid");
        number(++i, r, "gid");
        insert.setString(++i, Json.required(r, "message", line));
        insert.setString(++i, Json.text(r, "path"));
        String b64 = Json.text(r, "path_bytes");
        try {
            insert.setBytes(++i, b64 == null ? null : Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            throw Json.bad("path_bytes", line, "is not base64");
        }
        insert.setString(++i, text);
        insert.addBatch();
        if (++pending >= BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    private void number(int index, JsonNode r, String field) throws SQLException {
        JsonNode n = r.get(field);
        if (n == null || !n.canConvertToLong()) {
            insert.setNull(index, Types.BIGINT);
        } else {
            insert.setLong(index, n.longValue());
        }
    }

    void finish() throws SQLException {
        insert.executeBatch();
        insert.close();
    }
}

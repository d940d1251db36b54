package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of {@code files.jsonl} as rows of {@code file}, their hash-set marks as rows of {@code hit}, and one
 * {@code file_system} row per partition they name, inserted in batches.
 */
final class FileRows {
    private static final int BATCH = 2000;
    /** The key of the one file system of an image without partitions (no partition name holds a NUL). */
    static final String NONE = "\u0000";

    private static final String INSERT = "INSERT INTO file (item_id, seq, source_key, line, fs_key, partition, path,"
            + " path_bytes, name, name_bytes, stream, stream_bytes, inode, name_type, meta_type, allocated, deleted,"
            + " orphan, meta_allocated, reallocated, size_bytes, mode, uid, gid, links, mtime, atime, ctime, crtime,"
            + " symlink_target, symlink_target_bytes, md5, sha1, sha256, sha512, hashed_bytes,"
            + " content_may_be_reused, media_type, extension_media_type, extension_mismatch)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?)";

    private final Connection c;
    private final String item;
    private final PreparedStatement files;
    private final PreparedStatement hits;
    private final Map<String, long[]> fileSystems = new LinkedHashMap<>();
    private long seq;
    private long hitCount;
    private int pending;

    private final Map<String, JsonNode> summary;

    /** {@code summary}: the file systems of the item's analysis summary, by partition, for their type and label. */
    FileRows(Connection c, String item, Map<String, JsonNode> summary) throws SQLException {
        this.c = c;
        this.item = item;
        this.summary = summary;
        this.files = c.prepareStatement(INSERT);
        this.hits = c.prepareStatement("INSERT INTO hit (item_id, seq, set_name) VALUES (?, ?, ?)");
    }

    void add(long line, String text, JsonNode r) throws SQLException {
        seq++;
        String partition = Json.text(r, "partition");
        long[] fs = fileSystems.computeIfAbsent(
                partition == null ? NONE : partition, k -> new long[] {fileSystems.size() + 1, 0});
        fs[1]++;
        int i = 0;
        files.setString(++i, item);
        files.setLong(++i, seq);
        files.setInt(++i, CaseItem.Source.FILES.key);
        files.setLong(++i, line);
        files.setLong(++i, fs[0]);
        files.setString(++i, partition);
        files.setString(++i, Json.required(r, "path", line));
        files.setBytes(++i, bytes(r, "pathBytes", line));
        files.setString(++i, Json.required(r, "name", line));
        files.setBytes(++i, bytes(r, "nameBytes", line));
        files.setString(++i, Json.text(r, "stream"));
        files.setBytes(++i, r.hasNonNull("streamBytes") ? bytes(r, "streamBytes", line) : null);
        files.setString(++i, Json.required(r, "inode", line));
        files.setString(++i, Json.text(r, "nameType"));
        files.setString(++i, Json.text(r, "metaType"));
        bool(++i, r, "allocated");
        bool(++i, r, "deleted");
        bool(++i, r, "orphan");
        bool(++i, r, "metaAllocated");
        bool(++i, r, "reallocated");
        number(++i, r, "size");
        files.setString(++i, Json.text(r, "mode"));
        number(++i, r, "uid");
        number(++i, r, "gid");
        number(++i, r, "links");
        files.setString(++i, Json.text(r, "mtime"));
        files.setString(++i, Json.text(r, "atime"));
        files.setString(++i, Json.text(r, "ctime"));
        files.setString(++i, Json.text(r, "crtime"));
        files.setString(++i, Json.text(r, "symlinkTarget"));
        files.setBytes(++i, r.hasNonNull("symlinkTargetBytes") ? bytes(r, "symlinkTargetBytes", line) : null);
        files.setString(++i, Json.text(r, "md5"));
        files.setString(++i, Json.text(r, "sha1"));
        files.setString(++i, Json.text(r, "sha256"));
        files.setString(++i, Json.text(r, "sha512"));
        number(++i, r, "hashedBytes");
        bool(++i, r, "contentMayBeReused");
        files.setString(++i, Json.text(r, "mediaType"));
        files.setString(++i, Json.text(r, "extensionMediaType"));
        bool(++i, r, "extensionMismatch");
        files.addBatch();
        for (JsonNode set : r.path("hashsets")) {
            hits.setString(1, item);
            hits.setLong(2, seq);
            hits.setString(3, set.asText());
            hits.addBatch();
            hitCount++;
        }
        if (++pending >= BATCH) {
            flush();
        }
    }

    private byte[] bytes(JsonNode r, String field, long line) {
        String b64 = Json.required(r, field, line);
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw Json.bad(field, line, "is not base64");
        }
    }

    private void bool(int index, JsonNode r, String field) throws SQLException {
        JsonNode n = r.get(field);
        if (n == null || !n.isBoolean()) {
            files.setNull(index, Types.BOOLEAN);
        } else {
            files.setBoolean(index, n.booleanValue());
        }
    }

    private void number(int index, JsonNode r, String field) throws SQLException {
        JsonNode n = r.get(field);
        if (n == null || !n.canConvertToLong()) {
            files.setNull(index, Types.BIGINT);
        } else {
            files.setLong(index, n.longValue());
        }
    }

    private void flush() throws SQLException {
        files.executeBatch();
        hits.executeBatch();
        pending = 0;
    }

    void finish() throws SQLException {
        flush();
        files.close();
        hits.close();
        for (String partition : summary.keySet()) {
            fileSystems.computeIfAbsent(partition, k -> new long[] {fileSystems.size() + 1, 0});
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO file_system (item_id, fs_key, partition, fs_type,"
                + " byte_offset, label, volume_id, file_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (var e : fileSystems.entrySet()) {
                JsonNode fs = summary.get(e.getKey());
                s.setString(1, item);
                s.setLong(2, e.getValue()[0]);
                s.setString(3, NONE.equals(e.getKey()) ? null : e.getKey());
                s.setString(4, fs == null ? null : Json.text(fs, "type"));
                if (fs != null && fs.path("byteOffset").canConvertToLong()) {
                    s.setLong(5, fs.get("byteOffset").longValue());
                } else {
                    s.setNull(5, Types.BIGINT);
                }
                s.setString(6, fs == null ? null : Json.text(fs, "label"));
                s.setString(7, fs == null ? null : Json.text(fs.path("volumeId"), "value"));
                s.setLong(8, e.getValue()[1]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    long hits() {
        return hitCount;
    }
}

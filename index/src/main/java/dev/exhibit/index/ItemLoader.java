package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads one item's analysis files into the database in one transaction, after deleting every row the item had:
 * re-indexing replaces exactly its rows, and a load that fails or is killed leaves the rows it had before.
 *
 * <p>Each file is hashed as it is read, so the SHA-256 a row names is that of the bytes it came from, even if the
 * file changes while it is loaded.
 */
final class ItemLoader {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TABLES = {"hit", "event", "file", "file_system", "hashset", "source", "item"};

    private final CaseDatabase db;

    ItemLoader(CaseDatabase db) {
        this.db = db;
    }

    /** What was loaded for one item. */
    record Loaded(String item, long files, long events, long hits) {}

    Loaded load(CaseItem item) throws IOException {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            lock(c, item.id());
            for (String table : TABLES) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE item_id = ?")) {
                    d.setString(1, item.id());
                    d.executeUpdate();
                }
            }
            insertItem(c, item);
            hashSets(c, item);
            FileRows files = new FileRows(c, item.id(), fileSystems(c, item));
            long fileCount = read(c, item, CaseItem.Source.FILES, files::add);
            files.finish();
            EventRows events = new EventRows(c, item.id());
            long eventCount = read(c, item, CaseItem.Source.TIMELINE, events::add);
            events.finish();
            c.commit();
            return new Loaded(item.id(), fileCount, eventCount, files.hits());
        } catch (SQLException e) {
            rollback(c);
            throw CaseDatabase.failure(db.url(), "loading item " + item.id(), e);
        } catch (IOException | RuntimeException e) {
            rollback(c);
            throw e;
        }
    }

    /** Serialises loads of the same item on PostgreSQL (SQLite has one writer anyway). */
    private void lock(Connection c, String item) throws SQLException {
        if (!db.url().isSqlite()) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                s.setString(1, "exhibit-item:" + item);
                s.execute();
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    private static void insertItem(Connection c, CaseItem item) throws IOException, SQLException {
        CaseItem.Identity id = item.identity().orElse(new CaseItem.Identity(null, null, null, null, null));
        String logSha = null;
        if (Files.isRegularFile(item.file(CaseItem.Source.ACQUISITION_LOG))) {
            logSha = Sha256.ofFile(item.file(CaseItem.Source.ACQUISITION_LOG));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO item (item_id, image, media_size_bytes, media_md5,"
                + " media_sha1, media_sha256, acquisition_log_sha256, indexed_at, indexed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, item.id());
            s.setString(2, id.image());
            s.setObject(3, id.sizeBytes());
            s.setString(4, id.md5());
            s.setString(5, id.sha1());
            s.setString(6, id.sha256());
            s.setString(7, logSha);
            s.setString(8, Instant.now().toString());
            s.setString(9, Invocation.of("exhibit", java.util.List.of()).versionLine());
            s.executeUpdate();
        }
        if (logSha != null) {
            source(
                    c,
                    item,
                    CaseItem.Source.ACQUISITION_LOG,
                    logSha,
                    Files.size(item.file(CaseItem.Source.ACQUISITION_LOG)));
        }
    }

    private static void source(Connection c, CaseItem item, CaseItem.Source kind, String sha256, long size)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO source (item_id, source_key, relative_path, sha256, size_bytes) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, item.id());
            s.setInt(2, kind.key);
            s.setString(3, item.relative(kind));
            s.setString(4, sha256);
            s.setLong(5, size);
            s.executeUpdate();
        }
    }

    /**
     * The sets of {@code hashsets.json} and their kinds ({@code known}, {@code notable}). Read leniently: an array
     * of sets, or {@code {"sets": [...]}}, or an object by set name, each set with {@code name} and {@code kind}.
     */
    private static void hashSets(Connection c, CaseItem item) throws IOException, SQLException {
        Map<String, String> kinds = new LinkedHashMap<>();
        JsonNode root = jsonSource(c, item, CaseItem.Source.HASHSETS);
        if (root == null) {
            return;
        }
        JsonNode sets = root.has("sets") ? root.get("sets") : root;
        if (sets.isArray()) {
            sets.forEach(s -> kinds.put(s.path("name").asText(), s.path("kind").asText("unknown")));
        } else if (sets.isObject()) {
            sets.properties()
                    .forEach(
                            e -> kinds.put(e.getKey(), e.getValue().path("kind").asText("unknown")));
        }
        kinds.remove("");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hashset (item_id, name, kind) VALUES (?, ?, ?)")) {
            for (var e : kinds.entrySet()) {
                s.setString(1, item.id());
                s.setString(2, e.getKey());
                s.setString(3, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * The file systems of the item's analysis summary ({@code analysis.json}, docs/analyze.md), by partition name
     * ({@link FileRows#NONE} for an image without partitions), when it has one.
     */
    private static Map<String, JsonNode> fileSystems(Connection c, CaseItem item) throws IOException, SQLException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode root = jsonSource(c, item, CaseItem.Source.SUMMARY);
        if (root == null) {
            return out;
        }
        for (JsonNode fs : root.path("fileSystems")) {
            String partition = Json.text(fs, "partition");
            out.putIfAbsent(partition == null ? FileRows.NONE : partition, fs);
        }
        return out;
    }

    /** A JSON file of the item read whole and recorded as a source, or {@code null} when the item has none. */
    private static JsonNode jsonSource(Connection c, CaseItem item, CaseItem.Source kind)
            throws IOException, SQLException {
        var file = item.file(kind);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            JsonNode root = JSON.readTree(bytes);
            source(c, item, kind, Sha256.hex(bytes), bytes.length);
            return root;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ExhibitException.evidence(item.relative(kind) + " is not JSON: " + e.getOriginalMessage());
        }
    }

    /** One record of a JSON Lines file: its line number (from 1) and its text. */
    interface LineSink {
        void add(long line, String text, JsonNode record) throws SQLException;
    }

    /** Reads a JSON Lines file into {@code sink} and records it as a source; returns its records. */
    private static long read(Connection c, CaseItem item, CaseItem.Source kind, LineSink sink)
            throws IOException, SQLException {
        var file = item.file(kind);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        MessageDigest sha = digest();
        long records = 0;
        long line = 0;
        long[] size = {0};
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var in = new DigestInputStream(counting(Files.newInputStream(file), size), sha);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String text;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw ExhibitException.evidence(
                            item.relative(kind) + ": line " + line + " is not JSON: " + e.getOriginalMessage());
                }
                if (!record.isObject()) {
                    throw ExhibitException.evidence(item.relative(kind) + ": line " + line + " is not a JSON object");
                }
                try {
                    sink.add(line, text, record);
                } catch (ExhibitException e) {
                    throw new ExhibitException(e.kind(), item.relative(kind) + ": " + e.getMessage());
                }
                records++;
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ExhibitException.evidence(item.relative(kind) + ": line " + (line + 1) + " is not UTF-8");
        }
        source(c, item, kind, java.util.HexFormat.of().formatHex(sha.digest()), size[0]);
        return records;
    }

    /** Counts into {@code count[0]} the bytes read through it: the size of exactly what was hashed. */
    private static java.io.InputStream counting(java.io.InputStream in, long[] count) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                count[0] += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count[0] += Math.max(n, 0);
                return n;
            }
        };
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

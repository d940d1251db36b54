package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * NIST's NSRL RDS v3, an SQLite database: the minimal build (a {@code FILE} table) or the full build ({@code FILE}, a
 * view over {@code METADATA}); both have upper-case hex {@code md5}, {@code sha1} and {@code sha256} columns. Read
 * through sqlite-jdbc (the standard driver, which bundles SQLite), opened {@code immutable}: SQLite then takes no lock
 * and writes no journal, so the database is never written, not even beside itself.
 */
final class NsrlReader {
    static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SQLITE_HEADER_BYTES = 100;
    private static final String[] COLUMNS = {"md5", "sha1", "sha256"};

    private final Path file;
    private final byte[][] scratch = {new byte[16], new byte[20], new byte[32]};
    private String detail = "";

    NsrlReader(Path file) {
        this.file = file;
    }

    /** NIST's release (version, build set, release date) when the database says it, else empty. */
    String detail() {
        return detail;
    }

    /** Reads every row's digests into {@code sink}; returns the format as records name it. */
    String read(DigestSink sink) throws IOException {
        checkNotTruncated();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1&mode=ro")) {
            Set<String> tables = objects(db, "table");
            Set<String> views = objects(db, "view");
            if (!tables.contains("FILE") && !views.contains("FILE")) {
                throw ExhibitException.usage(file + " is an SQLite database but not NSRL RDS v3: it has no FILE table"
                        + " or view (it has: " + Badges.visible(String.join(", ", union(tables, views))) + ")");
            }
            Set<String> columns = columns(db);
            for (String c : COLUMNS) {
                if (!columns.contains(c)) {
                    throw ExhibitException.usage(file + " is an SQLite database but not NSRL RDS v3: its FILE has no "
                            + c + " column (it has: " + Badges.visible(String.join(", ", columns)) + ")");
                }
            }
            String build = tables.contains("FILE") ? "minimal" : "full";
            detail = release(db, tables);
            scan(db, sink);
            return "nsrl-rds-v3-" + build;
        } catch (SQLException e) {
            throw ExhibitException.usage(file + " cannot be read as an NSRL RDS v3 SQLite database: SQLite says: "
                    + Badges.visible(String.valueOf(e.getMessage()).strip()));
        }
    }

    private void scan(Connection db, DigestSink sink) throws SQLException, IOException {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT md5, sha1, sha256 FROM FILE")) {
            long row = 0;
            while (rows.next()) {
                row++;
                for (int i = 0; i < COLUMNS.length; i++) {
                    HashAlgorithm a = Digests.INDEXED[i];
                    String value = rows.getString(i + 1);
                    byte[] digest = scratch[i];
                    byte[] ascii = value == null ? new byte[0] : value.getBytes(StandardCharsets.ISO_8859_1);
                    if (ascii.length != digest.length * 2 || !Digests.decode(ascii, 0, digest.length, digest)) {
                        throw ExhibitException.usage(file + ": FILE row " + row + ": " + COLUMNS[i] + " is "
                                + (value == null ? "NULL" : "\"" + Badges.visible(value) + "\"")
                                + ", not " + 2 * digest.length + " hex digits");
                    }
                    sink.accept(a, digest);
                }
            }
        }
    }

    /**
     * SQLite's header says how many pages of what size the database has; a shorter file was cut off in a copy or
     * download, and SQLite would report only that the image is malformed, or nothing until a lookup misses.
     */
    private void checkNotTruncated() throws IOException {
        long size = Files.size(file);
        byte[] header = new byte[SQLITE_HEADER_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(header, 0, header.length);
        }
        if (n < SQLITE_HEADER_BYTES) {
            throw ExhibitException.usage(file + " is truncated: " + size + " bytes, shorter than SQLite's "
                    + SQLITE_HEADER_BYTES + "-byte header");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int pageSize = Short.toUnsignedInt(h.getShort(16));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        long pages = Integer.toUnsignedLong(h.getInt(28));
        // The page count is valid only when the change counter equals "version-valid-for" (sqlite.org/fileformat).
        boolean countValid = h.getInt(24) == h.getInt(92) && pages > 0;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw ExhibitException.usage(file + " is not a readable SQLite database: its header gives a page size of "
                    + pageSize + " bytes");
        }
        if (size % pageSize != 0 || (countValid && size < pages * pageSize)) {
            throw ExhibitException.usage(file + " is truncated: " + size + " bytes, but its SQLite header gives "
                    + (countValid
                            ? pages + " pages of " + pageSize + " bytes (" + pages * pageSize + " bytes)"
                            : "pages of " + pageSize + " bytes")
                    + "; copy or download it again");
        }
    }

    private static String release(Connection db, Set<String> tables) throws SQLException {
        if (!tables.contains("VERSION")) {
            return "";
        }
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM VERSION LIMIT 1")) {
            if (!r.next()) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (String c : new String[] {"version", "build_set", "release_date"}) {
                try {
                    String v = r.getString(c);
                    if (v != null) {
                        parts.add(c + " " + v);
                    }
                } catch (SQLException missing) {
                    // An older or foreign VERSION table: say what it does have.
                }
            }
            return "NSRL RDS " + Badges.visible(String.join(", ", parts));
        }
    }

    private static Set<String> objects(Connection db, String type) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (var s = db.prepareStatement("SELECT name FROM sqlite_master WHERE type = ?")) {
            s.setString(1, type);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
        }
        return names;
    }

    private static Set<String> columns(Connection db) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("PRAGMA table_info(FILE)")) {
            while (r.next()) {
                names.add(r.getString("name").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all.isEmpty() ? List.of("no tables") : List.copyOf(all);
    }
}

package dev.exhibit.index;

import dev.exhibit.core.ExhibitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a case database is: an SQLite file, or a PostgreSQL database named as libpq names it
 * ({@code postgresql://HOST[:PORT]/DB[?sslmode=...]}). A URL never carries a password: a command line is visible to
 * every user of the machine (ps) and kept in shell histories, so credentials come from {@code PGPASSWORD} or a
 * password file ({@code PGPASSFILE}, {@code ~/.pgpass}), as for psql.
 *
 * @param text the URL as the case remembers it (no credentials)
 * @param sqliteFile the SQLite file, or {@code null} for PostgreSQL
 */
public record DatabaseUrl(String text, Path sqliteFile, String jdbcUrl, String user) {
    /** The file name of the default database inside a case. */
    public static final String DEFAULT_FILE = "case.db";

    public boolean isSqlite() {
        return sqliteFile != null;
    }

    /** The SQLite file {@code CASE/case.db}. */
    public static DatabaseUrl defaultFor(Path caseDir) {
        return sqlite(caseDir.resolve(DEFAULT_FILE));
    }

    static DatabaseUrl sqlite(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DatabaseUrl("sqlite:" + abs, abs, "jdbc:sqlite:" + abs, null);
    }

    /**
     * Reads {@code --db URL}: {@code postgresql://} (or {@code postgres://}), {@code sqlite:PATH}, or a plain path of an
     * SQLite file.
     */
    public static DatabaseUrl parse(String url) {
        if (url.startsWith("sqlite:")) {
            return sqlite(Path.of(url.substring("sqlite:".length())));
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            if (url.contains("://")) {
                throw ExhibitException.usage(
                        "--db '" + url + "': give postgresql://HOST[:PORT]/DB, sqlite:FILE or a" + " file name");
            }
            return sqlite(Path.of(url));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ExhibitException.usage("--db '" + url + "' is not a URL: " + e.getReason());
        }
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            throw ExhibitException.usage("--db holds a password; give it in PGPASSWORD or ~/.pgpass (PGPASSFILE),"
                    + " never on the command line, where every user of the machine can read it");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw ExhibitException.usage("--db '" + url + "': give postgresql://HOST[:PORT]/DB");
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String user = info != null ? info : null;
        String text = "postgresql://" + (user != null ? user + "@" : "") + hostPort + uri.getRawPath() + query;
        return new DatabaseUrl(text, null, "jdbc:postgresql://" + hostPort + uri.getRawPath() + query, user);
    }

    /**
     * The connection properties for PostgreSQL: the user (the URL's, else {@code PGUSER}, else the login name) and,
     * from {@code PGPASSWORD}, the password. Without it pgjdbc reads the password file itself ({@code PGPASSFILE},
     * else {@code ~/.pgpass}), with libpq's rules.
     */
    Properties properties() {
        Properties p = new Properties();
        if (isSqlite()) {
            return p;
        }
        String u = user != null ? user : System.getenv("PGUSER");
        p.setProperty("user", u != null && !u.isEmpty() ? u : System.getProperty("user.name"));
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "exhibit");
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    @Override
    public String toString() {
        return text;
    }
}

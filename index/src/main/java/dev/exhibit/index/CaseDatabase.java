package dev.exhibit.index;

import dev.exhibit.core.ExhibitException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * One connection to a case database, its schema migrated to the newest version first.
 *
 * <p>Flyway migrates the schema: plain SQL files, one per version and database ({@code db/migration/sqlite},
 * {@code db/migration/postgresql}), recorded with their checksums in {@code flyway_schema_history}, so a database
 * says which version it is and an edited migration is refused. On PostgreSQL Flyway holds an advisory lock while it
 * migrates, so indexers that start at once on several workstations create the schema once.
 */
public final class CaseDatabase implements AutoCloseable {
    private final DatabaseUrl url;
    private final Connection connection;

    private CaseDatabase(DatabaseUrl url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /** Opens the database and migrates its schema, creating an SQLite file that does not exist. */
    public static CaseDatabase open(DatabaseUrl url) {
        migrate(url);
        return connect(url);
    }

    /** Opens a database that must already exist, without changing it (search, --check, timeline). */
    public static CaseDatabase openExisting(DatabaseUrl url) {
        if (url.isSqlite() && !Files.isRegularFile(url.sqliteFile())) {
            throw ExhibitException.usage(url.sqliteFile() + " does not exist: run 'exhibit index CASE' first");
        }
        CaseDatabase db = connect(url);
        try (var s = db.connection.createStatement()) {
            s.executeQuery("SELECT count(*) FROM case_info").close();
        } catch (SQLException e) {
            db.close();
            throw ExhibitException.usage(
                    url + " is not an Exhibit case database (no case_info table): run 'exhibit" + " index CASE' first");
        }
        return db;
    }

    private static void migrate(DatabaseUrl url) {
        var p = url.properties();
        try {
            Flyway.configure(CaseDatabase.class.getClassLoader())
                    .dataSource(url.jdbcUrl(), p.getProperty("user"), p.getProperty("password"))
                    .locations("classpath:db/migration/" + (url.isSqlite() ? "sqlite" : "postgresql"))
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw failure(url, "migrating its schema", e);
        }
    }

    private static CaseDatabase connect(DatabaseUrl url) {
        try {
            Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
            if (url.isSqlite()) {
                try (Statement s = c.createStatement()) {
                    // WAL: searches read while an item is loaded; busy_timeout: a second writer waits, not fails.
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA busy_timeout=60000");
                    s.execute("PRAGMA foreign_keys=ON");
                    // NORMAL in WAL mode keeps each load atomic (a crash loses at most the last commits, never half of
                    // one); the index can be rebuilt from the case, so the fsync per commit of FULL buys nothing.
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA cache_size=-65536");
                }
            }
            return new CaseDatabase(url, c);
        } catch (SQLException e) {
            throw failure(url, "connecting", e);
        }
    }

    /** An error that names the database (never a password: URLs hold none) and what was being done. */
    static ExhibitException failure(DatabaseUrl url, String doing, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return ExhibitException.environment(
                "case database " + url + ": " + doing + " failed: "
                        + why.lines().findFirst().orElse(why),
                e);
    }

    public DatabaseUrl url() {
        return url;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was pending: every load commits or rolls back before this
        }
    }
}

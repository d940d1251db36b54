package dev.exhibit.analyze.hashset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small NSRL RDS v3 databases made with the sqlite3 tool, with the table and view names and columns of NIST's own
 * schema (analysis-features.md, section 2.2): the minimal build, where FILE is a table, and the full build, where
 * FILE is a view over METADATA and PACKAGE_OBJECT.
 */
final class Nsrl {
    static final String MINIMAL_SCHEMA = """
            CREATE TABLE FILE (sha256 VARCHAR NOT NULL, sha1 VARCHAR NOT NULL, md5 VARCHAR NOT NULL,
              crc32 VARCHAR NOT NULL, file_name VARCHAR NOT NULL, file_size INTEGER NOT NULL,
              package_id INTEGER NOT NULL,
              CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, crc32, file_name, file_size, package_id));
            CREATE TABLE MFG (manufacturer_id INTEGER NOT NULL, name VARCHAR NOT NULL,
              CONSTRAINT PK_MFG__MFG_ID PRIMARY KEY (manufacturer_id));
            CREATE TABLE OS (operating_system_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
              manufacturer_id INTEGER NOT NULL, CONSTRAINT PK_OS__OS_ID PRIMARY KEY (operating_system_id, manufacturer_id));
            CREATE TABLE PKG (package_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
              operating_system_id INTEGER NOT NULL, manufacturer_id INTEGER NOT NULL, language VARCHAR NOT NULL,
              application_type VARCHAR NOT NULL, CONSTRAINT PK_PGK__PKG_ID PRIMARY KEY (package_id,
              operating_system_id, manufacturer_id, language, application_type));
            CREATE TABLE VERSION (version VARCHAR UNIQUE NOT NULL, build_set VARCHAR NOT NULL,
              build_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, release_date TIMESTAMP NOT NULL,
              description VARCHAR NOT NULL, CONSTRAINT PK_VERSION__VERSION PRIMARY KEY (version));
            CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
            INSERT INTO VERSION (version, build_set, release_date, description)
              VALUES ('2026.09.1', 'modern', '2026-09-01', 'test build');
            """;

    static final String FULL_SCHEMA = """
            CREATE TABLE PACKAGE_OBJECT (package_object_id INTEGER PRIMARY KEY, package_id INTEGER NOT NULL,
              object_id INTEGER NOT NULL);
            CREATE TABLE METADATA (metadata_id INTEGER PRIMARY KEY, object_id INTEGER NOT NULL, key_hash VARCHAR,
              image_hash VARCHAR, path VARCHAR, path_b64 VARCHAR, path_coding VARCHAR, file_name VARCHAR,
              file_name_b64 VARCHAR, file_name_coding VARCHAR, extension VARCHAR, extension_b64 VARCHAR,
              extension_coding VARCHAR, bytes INTEGER, mtime INTEGER, used_in_rds INTEGER, update_date TIMESTAMP,
              recursion_level INTEGER, extractee_id INTEGER, crc32 VARCHAR, md5 VARCHAR, sha1 VARCHAR,
              sha256 VARCHAR);
            CREATE TABLE VERSION (version VARCHAR UNIQUE NOT NULL, build_set VARCHAR NOT NULL,
              build_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, release_date TIMESTAMP NOT NULL,
              description VARCHAR NOT NULL);
            CREATE VIEW FILE AS SELECT upper(m.sha256) AS sha256, upper(m.sha1) AS sha1, upper(m.md5) AS md5,
              m.file_name || '.' || m.extension AS file_name, m.bytes AS file_size, p.package_id AS package_id
              FROM METADATA m JOIN PACKAGE_OBJECT p ON m.object_id = p.object_id;
            INSERT INTO VERSION (version, build_set, release_date, description)
              VALUES ('2026.09.1', 'android', '2026-09-01', 'test build');
            """;

    private Nsrl() {}

    /** A minimal build whose FILE rows hold the digests of {@code digests} (md5, sha1, sha256 per row). */
    static Path minimal(Path db, List<String[]> digests) throws IOException {
        StringBuilder sql = new StringBuilder(MINIMAL_SCHEMA);
        int i = 0;
        for (String[] d : digests) {
            // Two packages ship each file, as NSRL's FILE repeats a digest per package.
            for (int pkg = 1; pkg <= 2; pkg++) {
                sql.append("INSERT INTO FILE VALUES ('%s', '%s', '%s', '00000000', 'f%d.dll', %d, %d);\n"
                        .formatted(d[2].toUpperCase(), d[1].toUpperCase(), d[0].toUpperCase(), i, i, pkg));
            }
            i++;
        }
        return run(db, sql);
    }

    /** A full build: every row of {@code digests} in METADATA, and all but the last in a package. */
    static Path full(Path db, List<String[]> digests) throws IOException {
        StringBuilder sql = new StringBuilder(FULL_SCHEMA);
        for (int i = 0; i < digests.size(); i++) {
            String[] d = digests.get(i);
            sql.append("INSERT INTO METADATA (object_id, file_name, extension, bytes, crc32, md5, sha1, sha256)"
                    + " VALUES (%d, 'f%d', 'so', %d, '0', '%s', '%s', '%s');\n"
                            .formatted(i, i, i, d[0].toUpperCase(), d[1].toUpperCase(), d[2].toUpperCase()));
            if (i < digests.size() - 1) {
                sql.append("INSERT INTO PACKAGE_OBJECT (package_id, object_id) VALUES (7, %d);\n".formatted(i));
            }
        }
        return run(db, sql);
    }

    static Path run(Path db, CharSequence sql) throws IOException {
        Path script = Files.writeString(db.resolveSibling(db.getFileName() + ".sql"), sql);
        Fixtures.sh(db.getParent(), "sqlite3 '" + db + "' < '" + script + "'");
        Files.delete(script);
        return db;
    }
}

package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which database a case is indexed into. {@code CASE/case-database.json} remembers the URL of the last {@code exhibit
 * index} (never credentials: URLs hold none), so that {@code search} and {@code timeline} find it without
 * {@code --db}; an SQLite file inside the case is remembered relative to it, so that a copied case finds its own.
 * The file is an index's address, not evidence: {@code index} replaces it, and nothing signs it.
 */
public final class CaseDatabases {
    public static final String FILE = "case-database.json";

    private CaseDatabases() {}

    /** The database for {@code index}: {@code --db}, else the one the case remembers, else {@code CASE/case.db}. */
    public static DatabaseUrl forIndex(Path caseDir, String option) throws IOException {
        if (option != null) {
            return DatabaseUrl.parse(option);
        }
        return remembered(caseDir).orElse(DatabaseUrl.defaultFor(caseDir));
    }

    /** The database to read: {@code --db}, else the one the case remembers, if any. */
    public static Optional<DatabaseUrl> forReading(Path caseDir, String option) throws IOException {
        if (option != null) {
            return Optional.of(DatabaseUrl.parse(option));
        }
        return remembered(caseDir);
    }

    static Optional<DatabaseUrl> remembered(Path caseDir) throws IOException {
        Path file = caseDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = ItemLoader.JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ExhibitException.evidence(file + " is not JSON: " + e.getOriginalMessage());
        }
        String url = n.path("url").asText("");
        if (url.isEmpty()) {
            throw ExhibitException.evidence(file + " names no database ('url')");
        }
        if (url.startsWith("sqlite:")
                && !Path.of(url.substring("sqlite:".length())).isAbsolute()) {
            return Optional.of(DatabaseUrl.sqlite(caseDir.resolve(url.substring("sqlite:".length()))));
        }
        return Optional.of(DatabaseUrl.parse(url));
    }

    /** Remembers {@code url} as the case's database (written aside, then moved into place). */
    public static void remember(Path caseDir, DatabaseUrl url) throws IOException {
        String text = url.text();
        Path root = caseDir.toAbsolutePath().normalize();
        if (url.isSqlite() && url.sqliteFile().startsWith(root)) {
            text = "sqlite:" + root.relativize(url.sqliteFile());
        }
        ObjectNode n = ItemLoader.JSON.createObjectNode();
        n.put("format", "exhibit-case-database/1");
        n.put("url", text);
        Path tmp = caseDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, ItemLoader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
        Files.move(tmp, caseDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.CaseLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code exhibit index CASE}: brings the case database up to date with the case's analysis files, item by item. An
 * item whose files are those already loaded (the same SHA-256 for each) is left alone; any other is loaded again,
 * replacing its rows in one transaction ({@link ItemLoader}). Items the database holds but this case directory does
 * not are kept: on a shared server, another workstation may have indexed them from its copy; {@link Drift} reports
 * them.
 */
public final class Indexer {
    private Indexer() {}

    /** What happened to one item. */
    public record Outcome(String item, Status status, long files, long events, long hits) {}

    public enum Status {
        INDEXED,
        UNCHANGED,
        NOT_ANALYSED
    }

    /**
     * Indexes the items of {@code caseDir} ({@code only} empty: all of them) into {@code db}, telling {@code progress}
     * before each item is loaded.
     */
    public static List<Outcome> index(Path caseDir, CaseDatabase db, Set<String> only, Consumer<String> progress)
            throws IOException {
        claimCase(caseDir, db);
        List<CaseItem> items = CaseItem.all(caseDir);
        for (String id : only) {
            if (items.stream().noneMatch(i -> i.id().equals(id))) {
                throw ExhibitException.usage("--item " + id + ": "
                        + caseDir.resolve(CaseLayout.EVIDENCE).resolve(id) + " does not exist");
            }
        }
        List<Outcome> out = new ArrayList<>();
        ItemLoader loader = new ItemLoader(db);
        for (CaseItem item : items) {
            if (!only.isEmpty() && !only.contains(item.id())) {
                continue;
            }
            if (!item.analysed()) {
                out.add(new Outcome(item.id(), Status.NOT_ANALYSED, 0, 0, 0));
            } else if (Drift.ofItem(db, item).isEmpty()) {
                out.add(new Outcome(item.id(), Status.UNCHANGED, 0, 0, 0));
            } else {
                progress.accept(item.id());
                ItemLoader.Loaded l = loader.load(item);
                out.add(new Outcome(item.id(), Status.INDEXED, l.files(), l.events(), l.hits()));
            }
        }
        return out;
    }

    /**
     * Makes the database this case's: the first index writes the case's number and the SHA-256 of its case.json;
     * a database that names another case is refused, so that two cases never mix in one index.
     */
    static void claimCase(Path caseDir, CaseDatabase db) throws IOException {
        Path caseFile = caseDir.resolve(CaseLayout.CASE_FILE);
        if (!Files.isRegularFile(caseFile)) {
            throw ExhibitException.usage(
                    caseDir + " is not a case: it has no " + CaseLayout.CASE_FILE + " (exhibit case init)");
        }
        String sha = Sha256.ofFile(caseFile);
        JsonNode json = ItemLoader.JSON.readTree(caseFile.toFile());
        Connection c = db.connection();
        try {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO case_info (case_key, case_number,"
                    + " case_json_sha256) VALUES (1, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, json.path("caseNumber").asText());
                s.setString(2, sha);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT case_number, case_json_sha256 FROM case_info");
                    ResultSet r = s.executeQuery()) {
                r.next();
                if (!sha.equals(r.getString(2))) {
                    throw ExhibitException.usage(db.url() + " indexes case " + r.getString(1) + " (case.json SHA-256 "
                            + r.getString(2) + "), not " + caseDir + " (" + sha + "); give another --db");
                }
            }
        } catch (SQLException e) {
            throw CaseDatabase.failure(db.url(), "reading its case", e);
        }
    }
}

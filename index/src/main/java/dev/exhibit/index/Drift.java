package dev.exhibit.index;

import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code exhibit index CASE --check}: every difference between the database and the case's files. The database is an
 * index: each of its rows names the file it came from and that file's SHA-256, so a file edited, removed or added
 * since, an item never indexed, and an item the case no longer holds all show.
 */
public final class Drift {
    private Drift() {}

    /**
     * One difference.
     *
     * @param item the evidence item
     * @param file the file, relative to the case ({@code evidence/ID/analysis/files.jsonl}), or {@code null}
     * @param what what differs, in words
     */
    public record Finding(String item, String file, String what) {}

    /** Every difference, item by item. */
    public static List<Finding> check(Path caseDir, CaseDatabase db) throws IOException {
        List<Finding> out = new ArrayList<>();
        Set<String> inCase = new TreeSet<>();
        for (CaseItem item : CaseItem.all(caseDir)) {
            inCase.add(item.id());
            if (item.analysed()) {
                out.addAll(ofItem(db, item));
            }
        }
        try (PreparedStatement s = db.connection().prepareStatement("SELECT item_id FROM item ORDER BY item_id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                if (!inCase.contains(r.getString(1))) {
                    out.add(new Finding(
                            r.getString(1), null, "is indexed but the case has no evidence/" + r.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw CaseDatabase.failure(db.url(), "reading its items", e);
        }
        return out;
    }

    /** The differences of one item; none when its rows came from exactly the files it holds now. */
    static List<Finding> ofItem(CaseDatabase db, CaseItem item) throws IOException {
        Map<Integer, String> loaded = new HashMap<>();
        boolean indexed;
        try (PreparedStatement s =
                        db.connection().prepareStatement("SELECT source_key, sha256 FROM source WHERE item_id = ?");
                PreparedStatement i = db.connection().prepareStatement("SELECT 1 FROM item WHERE item_id = ?")) {
            s.setString(1, item.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    loaded.put(r.getInt(1), r.getString(2));
                }
            }
            i.setString(1, item.id());
            try (ResultSet r = i.executeQuery()) {
                indexed = r.next();
            }
        } catch (SQLException e) {
            throw CaseDatabase.failure(db.url(), "reading the sources of item " + item.id(), e);
        }
        if (!indexed) {
            return List.of(new Finding(item.id(), null, "is not indexed"));
        }
        List<Finding> out = new ArrayList<>();
        for (CaseItem.Source source : CaseItem.Source.values()) {
            Path file = item.file(source);
            String was = loaded.get(source.key);
            boolean exists = Files.isRegularFile(file);
            if (was == null && exists) {
                out.add(new Finding(
                        item.id(), item.relative(source), "is new: it was not there when the item was" + " indexed"));
            } else if (was != null && !exists) {
                out.add(new Finding(item.id(), item.relative(source), "is missing; it had SHA-256 " + was));
            } else if (was != null) {
                String now = Sha256.ofFile(file);
                if (!now.equals(was)) {
                    out.add(new Finding(
                            item.id(),
                            item.relative(source),
                            "has SHA-256 " + now + ", the index was" + " loaded from " + was));
                }
            }
        }
        return out;
    }
}

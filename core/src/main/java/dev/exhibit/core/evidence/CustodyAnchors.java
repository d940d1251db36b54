package dev.exhibit.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.Anchor.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks what a case's custody log anchors against the files it names (docs/case.md, "Anchors"): every {@code
 * acquire} event quotes the head hash of the item's acquisition log and its hashes as the acquisition ended; the
 * {@code case-open} event the SHA-256 of {@code case.json}; every {@code report} event the SHA-256 of the record it
 * issued. A rewritten acquisition log, even one whose own chain was recomputed, no longer has the quoted head on the
 * quoted line, and is caught here; so is an item that nothing in the custody log anchors.
 */
public final class CustodyAnchors {
    private CustodyAnchors() {}

    /** The anchors of one evidence item: its acquisition log against every {@code acquire} event for it. */
    public static List<Anchor> item(Path caseRoot, String id) throws IOException {
        return check(caseRoot, id, null);
    }

    /** Like {@link #item(Path, String)}, with the item's acquisition log as the caller has already read it. */
    public static List<Anchor> item(Path caseRoot, String id, AcquisitionLog log) throws IOException {
        return check(caseRoot, id, log);
    }

    /** Every anchor of the case: {@code case.json}, every item (with or without an event), every issued report. */
    public static List<Anchor> all(Path caseRoot) throws IOException {
        return check(caseRoot, null, null);
    }

    private static List<Anchor> check(Path caseRoot, String onlyItem, AcquisitionLog known) throws IOException {
        List<Anchor> out = new ArrayList<>();
        if (!Files.isRegularFile(caseRoot.resolve(CaseLayout.CUSTODY_LOG))) {
            out.add(new Anchor(
                    CaseLayout.CUSTODY_LOG,
                    0,
                    Verdict.DIFFERS,
                    "the case's custody log is missing: nothing it anchored can be checked"));
            return out;
        }
        Map<String, List<Event>> acquireEvents = new TreeMap<>();
        List<Event> others = new ArrayList<>();
        ChainVerifier.verify(caseRoot.resolve(CaseLayout.CUSTODY_LOG), e -> {
            JsonNode r = e.record();
            if (r == null) {
                return;
            }
            Event event = new Event(e.line(), r);
            switch (r.path("type").asText()) {
                case "acquire" ->
                    acquireEvents
                            .computeIfAbsent(r.path("item").asText(), k -> new ArrayList<>())
                            .add(event);
                case "case-open", "report" -> others.add(event);
                default -> {}
            }
        });
        TreeSet<String> items = new TreeSet<>(acquireEvents.keySet());
        items.addAll(itemDirectories(caseRoot));
        for (String id : items) {
            if (onlyItem == null || onlyItem.equals(id)) {
                out.addAll(AcquireAnchor.check(caseRoot, id, acquireEvents.getOrDefault(id, List.of()), known));
            }
        }
        if (onlyItem == null) {
            for (Event e : others) {
                out.add(fileAnchor(caseRoot, e));
            }
        }
        return out;
    }

    /** A custody event and its 1-based line. */
    record Event(long line, JsonNode record) {}

    private static Anchor fileAnchor(Path caseRoot, Event e) throws IOException {
        boolean open = "case-open".equals(e.record().path("type").asText());
        String file = open
                ? e.record().path("caseFile").asText(CaseLayout.CASE_FILE)
                : e.record().path("directory").asText() + "/" + CaseLayout.RECORD;
        String quoted =
                e.record().path(open ? "caseFileSha256" : "recordSha256").asText();
        Path path = caseRoot.resolve(file).normalize();
        String where = CaseLayout.CUSTODY_LOG + " line " + e.line() + " quotes SHA-256 " + quoted;
        if (!path.startsWith(caseRoot.normalize()) || !Files.isRegularFile(path)) {
            return new Anchor(file, e.line(), Verdict.DIFFERS, where + ", but the file is missing");
        }
        String actual = Sha256.ofFile(path);
        return actual.equals(quoted)
                ? new Anchor(file, e.line(), Verdict.MATCH, where + ": matches")
                : new Anchor(
                        file,
                        e.line(),
                        Verdict.DIFFERS,
                        where + ", but the file now has SHA-256 " + actual + ": it was changed after it was recorded");
    }

    private static List<String> itemDirectories(Path caseRoot) throws IOException {
        Path evidence = caseRoot.resolve(CaseLayout.EVIDENCE);
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(evidence)) {
            try (var s = Files.list(evidence)) {
                s.filter(p -> Files.isRegularFile(p.resolve(AcquisitionLog.FILE_NAME)))
                        .forEach(p -> ids.add(p.getFileName().toString()));
            }
        }
        return ids;
    }
}

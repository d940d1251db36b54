package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.evidence.CustodyAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the anchors the custody log holds ({@link CustodyAnchors}): inside the record alone, that every {@code
 * acquire} event quotes the same hashes as the evidence item the record describes; against the case, that every
 * acquisition log, {@code case.json} and issued record still holds what the custody log quotes.
 */
final class AnchorChecks {
    private AnchorChecks() {}

    /** The record against itself: a custody event's hash and the evidence item's acquired hash are one fact. */
    static void embedded(JsonNode record, List<Check> out) {
        String subject = "custody anchors in record.json";
        int checked = 0;
        int failed = 0;
        int i = 0;
        for (JsonNode e : record.path("custody").path("events")) {
            int index = i++;
            if (!"acquire".equals(e.path("type").asText()) || !e.path("hashes").isObject()) {
                continue;
            }
            String id = e.path("item").asText();
            JsonNode item = item(record, id);
            if (item == null) {
                continue;
            }
            for (var h : e.path("hashes").properties()) {
                String acquired = acquired(item, h.getKey());
                checked++;
                if (!h.getValue().asText().equals(acquired)) {
                    failed++;
                    out.add(Check.fail(
                            subject,
                            "/custody/events/" + index + " (acquire of " + id + ") gives " + h.getKey() + " "
                                    + h.getValue().asText() + ", but the evidence item in the same record gives "
                                    + acquired + ": the acquisition log was rewritten after it was recorded"));
                }
            }
        }
        if (failed == 0) {
            out.add(Check.pass(subject, checked + " hash(es) quoted by acquire events equal the evidence items'"));
        }
    }

    /** The case's files against every anchor in its custody log. */
    static void caseFiles(Path caseRoot, Path reportDirectory, List<Check> out) throws IOException {
        String self = CaseLayout.REPORTS + "/" + reportDirectory.getFileName() + "/" + CaseLayout.RECORD;
        boolean recorded = false;
        for (Anchor a : CustodyAnchors.all(caseRoot)) {
            recorded |= a.subject().equals(self);
            switch (a.verdict()) {
                case MATCH -> out.add(Check.pass(a.subject(), "anchored: " + a.detail()));
                case DIFFERS -> out.add(Check.fail(a.subject(), a.detail()));
                case UNANCHORED -> out.add(Check.warn(a.subject(), a.detail()));
            }
        }
        if (!recorded) {
            out.add(Check.warn(
                    self,
                    "no report event in " + CaseLayout.CUSTODY_LOG + " records this report: it was not issued by"
                            + " 'exhibit report build' in this case"));
        }
    }

    private static JsonNode item(JsonNode record, String id) {
        for (JsonNode item : record.path("evidence")) {
            if (id.equals(item.path("id").asText())) {
                return item;
            }
        }
        return null;
    }

    private static String acquired(JsonNode item, String algorithm) {
        for (JsonNode h : item.path("hashes")) {
            if ("acquired".equals(h.path("scope").asText())
                    && algorithm.equals(h.path("algorithm").asText())) {
                return h.path("value").asText();
            }
        }
        return null;
    }
}

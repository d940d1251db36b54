package dev.exhibit.report.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code case.json} says about a case: its number, title and examiners. Written once by {@code case init} and
 * never changed: its SHA-256 is the first record of the custody log, so an edit shows.
 *
 * @param caseNumber the agency's case number, as typed
 * @param examiners the examiners named when the case was opened, in the order given
 */
public record CaseInfo(String caseNumber, String title, List<Examiner> examiners) {
    /** The value of {@code format} in {@code case.json}. */
    public static final String FORMAT = "exhibit-case/1";

    /** One examiner of the case; {@code organisation} is {@code null} when none was given. */
    public record Examiner(String name, String organisation) {
        public Examiner {
            requireText("examiner name", name);
            if (organisation != null) {
                requireText("organisation", organisation);
            }
        }
    }

    public CaseInfo {
        requireText("case number", caseNumber);
        requireText("title", title);
        if (examiners.isEmpty()) {
            throw new IllegalArgumentException("a case needs at least one examiner");
        }
        examiners = List.copyOf(examiners);
    }

    /** The JSON body of {@code case.json} besides the creation facts the directory adds. */
    ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("format", FORMAT);
        n.put("caseNumber", caseNumber);
        n.put("title", title);
        ArrayNode list = n.putArray("examiners");
        for (Examiner e : examiners) {
            ObjectNode x = list.addObject();
            x.put("name", e.name());
            x.put("organisation", e.organisation());
            x.put("role", "examiner");
        }
        return n;
    }

    static CaseInfo fromJson(JsonNode n, String where) {
        if (!FORMAT.equals(n.path("format").asText())) {
            throw ExhibitException.evidence(
                    where + ": format is '" + n.path("format").asText() + "', expected " + FORMAT);
        }
        List<Examiner> examiners = new ArrayList<>();
        for (JsonNode e : n.path("examiners")) {
            JsonNode org = e.get("organisation");
            examiners.add(new Examiner(e.path("name").asText(), org == null || org.isNull() ? null : org.asText()));
        }
        try {
            return new CaseInfo(n.path("caseNumber").asText(), n.path("title").asText(), examiners);
        } catch (IllegalArgumentException ex) {
            throw ExhibitException.evidence(where + ": " + ex.getMessage());
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}

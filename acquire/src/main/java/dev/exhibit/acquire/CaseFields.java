package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;

/** The case metadata an examiner gives an acquisition; any field may be null (not given). */
public record CaseFields(String caseNumber, String evidenceNumber, String examiner, String description, String notes) {

    public static final CaseFields NONE = new CaseFields(null, null, null, null, null);

    ObjectNode toJson() {
        ObjectNode c = Jcs.object();
        put(c, "caseNumber", caseNumber);
        put(c, "evidenceNumber", evidenceNumber);
        put(c, "examiner", examiner);
        put(c, "description", description);
        put(c, "notes", notes);
        return c;
    }

    static CaseFields fromJson(JsonNode c) {
        return new CaseFields(
                text(c, "caseNumber"),
                text(c, "evidenceNumber"),
                text(c, "examiner"),
                text(c, "description"),
                text(c, "notes"));
    }

    private static void put(ObjectNode n, String name, String value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value);
        }
    }

    private static String text(JsonNode c, String name) {
        JsonNode v = c.path(name);
        return v.isTextual() ? v.asText() : null;
    }
}

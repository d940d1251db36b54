package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;

/** Reading the members of one analysis record, with errors that name the member and the line. */
final class Json {
    private Json() {}

    /** A string member, or {@code null} when it is absent or null. */
    static String text(JsonNode r, String field) {
        JsonNode n = r.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static String required(JsonNode r, String field, long line) {
        JsonNode n = r.get(field);
        if (n == null || !n.isValueNode() || n.isNull()) {
            throw bad(field, line, "is missing");
        }
        return n.asText();
    }

    static ExhibitException bad(String field, long line, String what) {
        return ExhibitException.evidence("line " + line + ": '" + field + "' " + what);
    }
}

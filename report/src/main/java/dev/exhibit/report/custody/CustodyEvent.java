package dev.exhibit.report.custody;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.EvidenceIds;

/**
 * One handling of an item as an examiner records it: who gave it to whom, where, why, under which seal and in what
 * condition, and when. Optional fields are written as {@code null}, never left out.
 */
public record CustodyEvent(
        CustodyEventType type,
        String item,
        String from,
        String to,
        String location,
        String purpose,
        String seal,
        String condition,
        EventTime at) {

    public CustodyEvent {
        if (!type.manual()) {
            throw new IllegalArgumentException("custody event type '" + type.id() + "' is written by Exhibit itself");
        }
        EvidenceIds.check(item);
        require("--from", from);
        require("--to", to);
        require("--location", location);
        require("--purpose", purpose);
        seal = blankToNull(seal);
        condition = blankToNull(condition);
    }

    /** The record body as the custody log stores it (the log adds seq, prev, time and type). */
    public ObjectNode toBody(Invocation invocation) {
        ObjectNode n = Jcs.object();
        n.put("item", item);
        n.put("from", from);
        n.put("to", to);
        n.put("location", location);
        n.put("purpose", purpose);
        n.put("seal", seal);
        n.put("condition", condition);
        n.put("at", at.utcText());
        n.put("atAsGiven", at.asGiven());
        n.set("invocation", invocation.toJson());
        return n;
    }

    private static void require(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.exhibit.core.json.Jcs;
import java.util.ArrayList;
import java.util.List;

/**
 * The factual description of the process for each item, in plain sentences derived from the record (which
 * algorithm, when, by which tool, with what result), for the examiner to certify. Conclusions are left out on
 * purpose: a certification of digital identification (FRE 902(14)) must describe the process, not vouch for it.
 */
final class Statements {
    private Statements() {}

    static ArrayNode of(JsonNode record) {
        ArrayNode out = Jcs.mapper().createArrayNode();
        for (JsonNode item : record.path("evidence")) {
            out.add(item(item));
        }
        JsonNode log = record.path("custody").path("log");
        out.add("The custody log " + log.path("file").asText() + " holds "
                + log.path("records").asLong()
                + " events covered by this record; the SHA-256 of its last covered line is "
                + log.path("headHash").asText() + ".");
        return out;
    }

    private static String item(JsonNode item) {
        String id = item.path("id").asText();
        JsonNode acq = item.path("acquisition");
        String status = acq.path("status").asText();
        if (item.path("log").isNull()) {
            return "Item " + id + " has no acquisition log in the case.";
        }
        JsonNode source = item.path("identity").path("source");
        JsonNode device = item.path("identity").path("device");
        List<String> s = new ArrayList<>();
        s.add("Item " + id + " was acquired from " + source.path("path").asText() + device(device) + " by "
                + CommandLines.tool(acq.path("invocation")) + ", started "
                + acq.path("started").asText()
                + (acq.path("ended").isNull()
                        ? ""
                        : " and ended " + acq.path("ended").asText())
                + "; the acquisition is " + status + ".");
        if (!acq.path("bytesAcquired").isNull()) {
            s.add(acq.path("bytesAcquired").asText() + " bytes were written to "
                    + String.join(", ", texts(item.path("image").path("files"))) + ".");
        }
        JsonNode bad = item.path("badSectors");
        if (bad.path("count").asLong() > 0) {
            s.add(bad.path("count").asText() + " sectors could not be read; they are listed in "
                    + bad.path("ranges").size() + " range(s) and were filled as each range states.");
        }
        for (JsonNode h : item.path("hashes")) {
            String alg = h.path("algorithm").asText().toUpperCase(java.util.Locale.ROOT);
            switch (h.path("scope").asText()) {
                case "acquired" ->
                    s.add("The " + alg + " of the bytes read during acquisition is "
                            + h.path("value").asText() + ".");
                default ->
                    s.add("A " + h.path("scope").asText().replace("-reread", " re-read") + " at "
                            + h.path("computedAt").asText() + " gave " + alg + " "
                            + h.path("value").asText() + ": "
                            + h.path("verdict").asText() + ".");
            }
        }
        return String.join(" ", s);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String device(JsonNode device) {
        if (!device.isObject()) {
            return " (device details unknown)";
        }
        return " (" + device.path("vendor").asText() + " "
                + device.path("model").asText() + ", serial "
                + device.path("serial").asText() + ")";
    }
}

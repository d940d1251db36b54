package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every command line that produced what the record covers, in time order, each with the tool build that ran it and
 * where it is recorded, so that every figure can be traced to the exact command (and repeated).
 */
final class CommandLines {
    private CommandLines() {}

    static ArrayNode collect(ArrayNode custodyEvents, ArrayNode evidence, CaseDirectory c) {
        List<ObjectNode> all = new ArrayList<>();
        String custodyFile = c.relative(c.custody().file());
        for (JsonNode e : custodyEvents) {
            JsonNode inv = e.path("invocation");
            if (inv.isObject()) {
                all.add(entry(
                        inv.path("started").asText(EvidenceItems.UNKNOWN),
                        inv,
                        custodyFile + " line " + (e.path("seq").asLong() + 1) + " ("
                                + e.path("type").asText() + ")"));
            }
        }
        for (JsonNode item : evidence) {
            String log = item.path("log").path("file").asText();
            JsonNode acq = item.path("acquisition");
            if (acq.path("invocation").isObject()) {
                JsonNode inv = acq.path("invocation");
                all.add(entry(inv.path("started").asText(EvidenceItems.UNKNOWN), inv, log + " (start)"));
            }
            for (JsonNode r : acq.path("resumes")) {
                JsonNode inv = r.path("invocation");
                all.add(entry(inv.path("started").asText(EvidenceItems.UNKNOWN), inv, log + " (resume)"));
            }
            for (JsonNode v : item.path("verifications")) {
                ObjectNode n = Jcs.object();
                n.put("time", v.path("time").asText());
                n.put("commandLine", v.path("commandLine").asText());
                n.put("tool", v.path("tool").asText(EvidenceItems.UNKNOWN));
                n.put("recordedIn", log + " (verification)");
                all.add(n);
            }
        }
        all.sort(Comparator.comparing(n -> n.path("time").asText()));
        ArrayNode out = Jcs.mapper().createArrayNode();
        all.forEach(out::add);
        return out;
    }

    /** The build that ran a command, e.g. {@code exhibit 0.1.0 (commit 1a2b…)}, from its invocation record. */
    static String tool(JsonNode inv) {
        if (!inv.isObject()) {
            return EvidenceItems.UNKNOWN;
        }
        return inv.path("tool").asText("exhibit") + " " + inv.path("version").asText(EvidenceItems.UNKNOWN)
                + " (commit " + inv.path("commit").asText(EvidenceItems.UNKNOWN) + ")";
    }

    private static ObjectNode entry(String time, JsonNode inv, String recordedIn) {
        ObjectNode n = Jcs.object();
        n.put("time", time);
        n.put("commandLine", inv.path("commandLine").asText(EvidenceItems.UNKNOWN));
        n.put("tool", tool(inv));
        n.put("recordedIn", recordedIn);
        return n;
    }
}

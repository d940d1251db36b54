package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
            analyses(item, all);
        }
        all.sort(Comparator.comparing(n -> n.path("time").asText()));
        ArrayNode out = Jcs.mapper().createArrayNode();
        all.forEach(out::add);
        return out;
    }

    /** One line per command that wrote kept analysis files, naming the files it wrote. */
    private static void analyses(JsonNode item, List<ObjectNode> all) {
        Map<String, ObjectNode> byCommand = new LinkedHashMap<>();
        for (JsonNode f : item.path("analysisFiles")) {
            String file = f.path("file").asText();
            String name = file.substring(file.lastIndexOf('/') + 1);
            String key = f.path("commandLine").asText() + "\n" + f.path("tool").asText();
            ObjectNode n = byCommand.get(key);
            if (n == null) {
                n = Jcs.object();
                n.put("time", f.path("created").asText(EvidenceItems.UNKNOWN));
                n.put("commandLine", f.path("commandLine").asText(EvidenceItems.UNKNOWN));
                n.put("tool", f.path("tool").asText(EvidenceItems.UNKNOWN));
                n.put(
                        "recordedIn",
                        file.substring(0, file.lastIndexOf('/') + 1) + CaseLayout.ANALYSIS_MANIFEST + " (" + name
                                + ")");
                byCommand.put(key, n);
            } else {
                String r = n.path("recordedIn").asText();
                n.put("recordedIn", r.substring(0, r.length() - 1) + ", " + name + ")");
            }
        }
        all.addAll(byCommand.values());
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

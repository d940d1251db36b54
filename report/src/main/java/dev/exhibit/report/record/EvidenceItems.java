package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.json.Jcs;
import java.util.List;
import java.util.Set;

/**
 * One evidence item of the record, derived from its acquisition log alone (and its analysis summary, when present),
 * so that a verifier reading the same log prefix derives exactly the same JSON. Fields the log does not carry are
 * written as {@code "unknown"}, never left out.
 */
public final class EvidenceItems {
    static final String UNKNOWN = "unknown";

    /** The fields every chained record carries; copied records drop them where the record shows them elsewhere. */
    private static final Set<String> CHAIN_FIELDS = Set.of("seq", "prev", "type");

    private EvidenceItems() {}

    /**
     * @param directory the item's directory relative to the case root, e.g. {@code evidence/EV1}
     * @param log the acquisition log, read up to the prefix this record covers; {@code null} when there is none
     * @param logPath the log's path relative to the case root
     * @param analysis the analysis summary, or {@code null}
     */
    public static ObjectNode derive(
            String id, String directory, AcquisitionLog log, String logPath, AnalysisFile analysis) {
        ObjectNode item = Jcs.object();
        item.put("id", id);
        item.put("directory", directory);
        if (log == null) {
            item.putNull("log");
            item.putObject("acquisition").put("status", "no acquisition log");
            item.set("analysis", analysis == null ? NullNode.instance : analysis.toJson());
            return item;
        }
        ObjectNode logNode = item.putObject("log");
        logNode.put("file", logPath);
        logNode.put("records", log.records());
        logNode.put("headHash", log.headHash());

        JsonNode start = log.first("start").orElse(Jcs.object());
        JsonNode source = log.first("source").orElse(Jcs.object());
        JsonNode end = log.last("end").orElse(null);

        item.set("identity", identity(start, source));
        item.set("writeBlock", writeBlock(source, log));
        item.set("acquisition", acquisition(log, start, end));
        item.set("image", image(start, end, log));
        item.set("hashes", Hashes.entries(end, log.all("verification")));
        item.set("verifications", verifications(log.all("verification")));
        item.set("badSectors", badSectors(end, log.all("bad-range")));
        ObjectNode windows = item.putObject("windows");
        windows.put("count", log.all("window").size());
        windows.set("windowBytes", orUnknown(start.path("options").get("windowBytes")));
        item.set("analysis", analysis == null ? NullNode.instance : analysis.toJson());
        return item;
    }

    private static ObjectNode identity(JsonNode start, JsonNode source) {
        ObjectNode n = Jcs.object();
        JsonNode c = start.path("case");
        for (String f : List.of("evidenceNumber", "description", "notes", "examiner")) {
            n.set(f, c.isObject() ? nullable(c.get(f)) : NullNode.instance);
        }
        ObjectNode s = n.putObject("source");
        for (String f :
                List.of("path", "kind", "sizeBytes", "logicalSectorBytes", "physicalSectorBytes", "sectorCount")) {
            s.set(f, orUnknown(source.get(f)));
        }
        JsonNode device = source.get("device");
        n.set("device", device == null || !device.isObject() ? TextNode.valueOf(UNKNOWN) : device.deepCopy());
        n.set("hpa", orUnknown(source.get("hpa")));
        n.set("dco", orUnknown(source.get("dco")));
        return n;
    }

    private static ObjectNode writeBlock(JsonNode source, AcquisitionLog log) {
        ObjectNode n = Jcs.object();
        JsonNode wb = source.get("writeBlock");
        n.set("method", wb != null && wb.isObject() ? orUnknown(wb.get("method")) : TextNode.valueOf(UNKNOWN));
        n.set("detail", wb == null ? TextNode.valueOf(UNKNOWN) : wb.deepCopy());
        ArrayNode checks = n.putArray("checks");
        for (JsonNode c : log.all("writeblock-check")) {
            checks.add(withoutChainFields(c));
        }
        return n;
    }

    private static ObjectNode acquisition(AcquisitionLog log, JsonNode start, JsonNode end) {
        ObjectNode n = Jcs.object();
        n.put("status", log.status());
        n.set(
                "started",
                end != null
                        ? orUnknown(end.get("started"))
                        : orUnknown(start.path("invocation").get("started")));
        n.set("ended", end != null ? orUnknown(end.get("ended")) : NullNode.instance);
        for (String f : List.of("durationMillis", "bytesAcquired", "bytesPerSecond")) {
            n.set(f, end != null ? orUnknown(end.get(f)) : NullNode.instance);
        }
        n.set("options", orUnknown(start.get("options")));
        n.set("invocation", orUnknown(start.get("invocation")));
        JsonNode failure = log.last("failure").orElse(null);
        n.set("failure", failure == null ? NullNode.instance : withoutChainFields(failure));
        ArrayNode resumes = n.putArray("resumes");
        for (JsonNode r : log.all("resume")) {
            resumes.add(withoutChainFields(r));
        }
        return n;
    }

    private static ObjectNode image(JsonNode start, JsonNode end, AcquisitionLog log) {
        ObjectNode n = Jcs.object();
        n.set("format", orUnknown(start.path("options").get("format")));
        n.set("bytes", end != null ? orUnknown(end.get("bytesAcquired")) : NullNode.instance);
        ArrayNode files = n.putArray("files");
        if (end != null && end.path("files").isArray()) {
            end.get("files").forEach(f -> files.add(f.asText()));
        } else {
            log.all("segment").forEach(s -> files.add(s.path("file").asText()));
        }
        // what an E01 set stores as its own hashes, read back from its files when it was finished
        JsonNode stored = log.last("image-stored-hashes").orElse(null);
        if (stored == null) {
            n.putNull("storedHashes");
        } else {
            ObjectNode sh = n.putObject("storedHashes");
            sh.set("file", orUnknown(stored.get("file")));
            sh.set("md5", orUnknown(stored.path("stored").get("md5")));
            sh.set("sha1", orUnknown(stored.path("stored").get("sha1")));
            sh.set("verdict", orUnknown(stored.get("verdict")));
            sh.set("readAt", orUnknown(stored.get("time")));
        }
        ArrayNode segments = n.putArray("segments");
        for (JsonNode s : log.all("segment")) {
            ObjectNode seg = segments.addObject();
            // a split raw segment holds a range of the media; an E01 segment file is compressed, so only its size
            List<String> fields = s.has("fileBytes")
                    ? List.of("index", "file", "fileBytes", "sha256")
                    : List.of("index", "file", "byteOffset", "lengthBytes", "sha256");
            for (String f : fields) {
                seg.set(f, orUnknown(s.get(f)));
            }
        }
        return n;
    }

    private static ArrayNode verifications(List<JsonNode> records) {
        ArrayNode out = Jcs.mapper().createArrayNode();
        for (JsonNode v : records) {
            ObjectNode n = out.addObject();
            n.set("scope", orUnknown(v.get("scope")));
            n.set("time", orUnknown(v.get("time")));
            n.set("verdict", orUnknown(v.get("verdict")));
            n.set("bytesRead", orUnknown(v.get("bytesRead")));
            n.set(
                    "mismatches",
                    v.has("mismatches")
                            ? v.get("mismatches").deepCopy()
                            : Jcs.mapper().createArrayNode());
            n.set("commandLine", orUnknown(v.path("invocation").get("commandLine")));
            n.put("tool", CommandLines.tool(v.path("invocation")));
        }
        return out;
    }

    private static ObjectNode badSectors(JsonNode end, List<JsonNode> ranges) {
        ObjectNode n = Jcs.object();
        long counted = 0;
        ArrayNode list = n.putArray("ranges");
        for (JsonNode r : ranges) {
            ObjectNode x = list.addObject();
            for (String f :
                    List.of("firstSector", "sectorCount", "byteOffset", "lengthBytes", "error", "retries", "fill")) {
                x.set(f, orUnknown(r.get(f)));
            }
            counted += r.path("sectorCount").asLong(0);
        }
        n.set(
                "count",
                end != null && end.has("badSectorCount")
                        ? end.get("badSectorCount")
                        : Jcs.mapper().getNodeFactory().numberNode(counted));
        return n;
    }

    static JsonNode orUnknown(JsonNode n) {
        return n == null || n.isMissingNode() ? TextNode.valueOf(UNKNOWN) : n.deepCopy();
    }

    private static JsonNode nullable(JsonNode n) {
        return n == null || n.isMissingNode() ? NullNode.instance : n.deepCopy();
    }

    private static ObjectNode withoutChainFields(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove(CHAIN_FIELDS);
        return copy;
    }
}

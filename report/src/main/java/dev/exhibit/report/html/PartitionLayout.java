package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of an analysis summary, read tolerantly: the summary is the analyze stage's output, so several
 * spellings are accepted (docs/report.md lists them) and a summary without partitions simply draws no map.
 */
final class PartitionLayout {
    /** Assumed when the summary does not say: the logical sector size of nearly every disk. */
    static final long DEFAULT_SECTOR_BYTES = 512;

    private PartitionLayout() {}

    static List<ReportView.PartitionRow> read(JsonNode summary) {
        JsonNode list = first(summary, "/volumeSystem/partitions", "/partitions", "/volumes/0/partitions");
        List<ReportView.PartitionRow> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        JsonNode declared = first(summary, "/sectorBytes", "/volumeSystem/sectorBytes", "/volumeSystem/blockBytes");
        long sectorBytes = declared == null ? DEFAULT_SECTOR_BYTES : Math.max(1, declared.asLong(DEFAULT_SECTOR_BYTES));
        for (JsonNode p : list) {
            long start = number(p, sectorBytes, "startSector", "start", "byteOffset");
            long length = number(p, sectorBytes, "lengthSectors", "length", "sectorCount", "lengthBytes");
            if (start < 0 || length <= 0) {
                continue;
            }
            JsonNode fs = p.has("fileSystem") ? p.get("fileSystem") : p.path("fs");
            out.add(new ReportView.PartitionRow(
                    p.path("index").asText(p.path("slot").asText("")),
                    start,
                    length,
                    allocated(p),
                    text(p, "description", "desc", "type"),
                    text(fs, "type", "fsType"),
                    text(fs, "label", "volumeLabel", "name")));
        }
        return out;
    }

    private static boolean allocated(JsonNode p) {
        if (p.has("allocated")) {
            return p.get("allocated").asBoolean();
        }
        String flags = p.path("flags").asText("");
        return flags.contains("alloc") && !flags.contains("unalloc");
    }

    private static long number(JsonNode p, long sectorBytes, String... names) {
        for (String n : names) {
            JsonNode v = p.get(n);
            if (v != null && v.canConvertToLong()) {
                return n.endsWith("Bytes") || n.equals("byteOffset") ? v.asLong() / sectorBytes : v.asLong();
            }
        }
        return -1;
    }

    private static HtmlText text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isTextual()) {
                JsonNode raw = n.get(name + "Base64");
                return raw != null && raw.isTextual()
                        ? TreeView.decodeRaw(raw.asText(), v.asText())
                        : HtmlText.of(v.asText());
            }
        }
        return HtmlText.of("");
    }

    private static JsonNode first(JsonNode root, String... pointers) {
        for (String ptr : pointers) {
            JsonNode n = root.at(ptr);
            if (!n.isMissingNode() && !n.isNull()) {
                return n;
            }
        }
        return null;
    }
}

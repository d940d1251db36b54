package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions of an analysis summary ({@code exhibit analyze IMAGE --json}, docs/analyze.md): each partition of
 * {@code /volumeSystem/partitions} with the file system found in it ({@code /fileSystems} entries naming the
 * partition: by its {@code name}, {@code p2}, from version 2 of the summary; by its {@code address} in version 1). Read tolerantly, since the summary is another stage's output: a few other spellings are
 * accepted (docs/report.md lists them), and a summary without partitions simply draws no map.
 */
final class PartitionLayout {
    /** Assumed when the summary does not say: the logical sector size of nearly every disk. */
    static final long DEFAULT_SECTOR_BYTES = 512;

    private PartitionLayout() {}

    static List<ReportView.PartitionRow> read(JsonNode summary) {
        JsonNode list = first(summary, "/volumeSystem/partitions", "/partitions");
        List<ReportView.PartitionRow> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            return out;
        }
        JsonNode declared = first(summary, "/image/sectorSizeBytes", "/sectorBytes", "/volumeSystem/blockSizeBytes");
        long sectorBytes = declared == null ? DEFAULT_SECTOR_BYTES : Math.max(1, declared.asLong(DEFAULT_SECTOR_BYTES));
        for (JsonNode p : list) {
            long start = number(p, sectorBytes, "startSector", "start", "byteOffset");
            long length = number(p, sectorBytes, "lengthSectors", "length", "lengthBytes");
            if (start < 0 || length <= 0) {
                continue;
            }
            String address = p.path("address")
                    .asText(p.path("index").asText(p.path("slot").asText("")));
            boolean named = p.has("name");
            String key = named ? p.path("name").asText("") : address;
            JsonNode fs = fileSystemOf(summary, p, key);
            out.add(new ReportView.PartitionRow(
                    named ? (key.isEmpty() ? "-" : key) : address,
                    p.path("slot").asText(""),
                    start,
                    length,
                    dev.exhibit.core.Sizes.human(length * sectorBytes),
                    allocated(p),
                    RawText.of(p, "description"),
                    RawText.of(fs, "type"),
                    RawText.of(fs, "label"),
                    identity(p)));
        }
        return out;
    }

    /**
     * What the table itself records of a partition, read by analyze from the table's bytes (docs/analyze.md): the
     * identifiers an examiner cites. Empty for unallocated space, table metadata and summaries before version 2.
     */
    static HtmlText identity(JsonNode p) {
        JsonNode gpt = p.path("gpt");
        if (gpt.isObject()) {
            String typeName = gpt.path("typeName").isTextual()
                    ? " (" + gpt.path("typeName").asText() + ")"
                    : "";
            return HtmlText.of("GPT entry " + gpt.path("entry").asText() + ", name \"" + RawText.of(p, "description")
                    + "\", type " + gpt.path("typeGuid").asText() + typeName + ", partition GUID "
                    + gpt.path("partitionGuid").asText() + ", attributes "
                    + gpt.path("attributes").asText());
        }
        JsonNode mbr = p.path("mbr");
        if (mbr.isObject()) {
            String where = mbr.path("table").asInt() == 0
                    ? "MBR entry " + mbr.path("entry").asText()
                    : "entry " + mbr.path("entry").asText() + " of the extended boot record at sector "
                            + mbr.path("tableSector").asText();
            return HtmlText.of(where + ", type " + mbr.path("type").asText()
                    + (mbr.path("bootable").asBoolean() ? ", bootable" : ""));
        }
        return HtmlText.of("");
    }

    private static JsonNode fileSystemOf(JsonNode summary, JsonNode partition, String key) {
        if (partition.path("fileSystem").isObject()) {
            return partition.get("fileSystem");
        }
        for (JsonNode fs : summary.path("fileSystems")) {
            if (!key.isEmpty() && key.equals(fs.path("partition").asText())) {
                return fs;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static boolean allocated(JsonNode p) {
        if (p.has("allocated")) {
            return p.get("allocated").asBoolean();
        }
        return "partition".equals(p.path("kind").asText());
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

package dev.exhibit.report.html;

import static dev.exhibit.report.html.ReportViews.hex;
import static dev.exhibit.report.html.ReportViews.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import dev.exhibit.report.html.ReportView.BadRangeRow;
import dev.exhibit.report.html.ReportView.HashRow;
import dev.exhibit.report.html.ReportView.ItemView;
import dev.exhibit.report.html.ReportView.Row;
import dev.exhibit.report.html.ReportView.SegmentRow;
import java.util.ArrayList;
import java.util.List;

/** One evidence item of the record as the page shows it. */
final class ItemViews {
    /** Acquisition facts shown in the details, in reading order: field of the record, label. */
    private static final String[][] ACQUISITION_FIELDS = {
        {"status", "Status"},
        {"started", "Started (UTC)"},
        {"ended", "Ended (UTC)"},
        {"bytesAcquired", "Bytes acquired"},
        {"durationMillis", "Duration (ms)"},
        {"bytesPerSecond", "Bytes per second"},
    };

    private ItemViews() {}

    static ItemView of(JsonNode item) {
        JsonNode identity = item.path("identity");
        JsonNode source = identity.path("source");
        JsonNode device = identity.path("device");
        JsonNode acq = item.path("acquisition");
        String deviceText = device.isObject()
                ? device.path("vendor").asText("") + " " + device.path("model").asText("") + ", serial "
                        + device.path("serial").asText("")
                : device.asText("unknown");

        List<Row> ident = new ArrayList<>();
        row(ident, "Evidence number", identity.path("evidenceNumber"));
        row(ident, "Description", identity.path("description"));
        row(ident, "Notes", identity.path("notes"));
        row(ident, "Source path", source.path("path"));
        row(ident, "Source kind", source.path("kind"));
        row(ident, "Device", device);
        row(ident, "Capacity (bytes)", source.path("sizeBytes"));
        row(ident, "Logical sector (bytes)", source.path("logicalSectorBytes"));
        row(ident, "Physical sector (bytes)", source.path("physicalSectorBytes"));
        row(ident, "Sectors", source.path("sectorCount"));
        row(ident, "HPA", identity.path("hpa"));
        row(ident, "DCO", identity.path("dco"));
        row(ident, "Write blocking", item.path("writeBlock").path("method"));
        row(ident, "Write-block detail", item.path("writeBlock").path("detail"));

        List<Row> acqRows = new ArrayList<>();
        for (String[] f : ACQUISITION_FIELDS) {
            row(acqRows, f[1], acq.path(f[0]));
        }
        row(acqRows, "Command line", acq.path("invocation").path("commandLine"));
        row(acqRows, "Options", acq.path("options"));
        row(acqRows, "Failure", acq.path("failure"));
        row(acqRows, "Image format", item.path("image").path("format"));

        List<HashRow> hashes = new ArrayList<>();
        String sha256 = "";
        for (JsonNode h : item.path("hashes")) {
            hashes.add(new HashRow(
                    h.path("scope").asText(),
                    h.path("algorithm").asText(),
                    hex(h, "value"),
                    h.path("computedAt").asText(),
                    h.path("verdict").asText()));
            if (h.path("scope").asText().equals("acquired")
                    && h.path("algorithm").asText().equals("sha256")) {
                sha256 = h.path("value").asText();
            }
        }
        List<SegmentRow> segments = new ArrayList<>();
        for (JsonNode s : item.path("image").path("segments")) {
            segments.add(new SegmentRow(
                    s.path("index").asText(),
                    text(s, "file"),
                    s.path("byteOffset").asText(),
                    s.path("lengthBytes").asText(),
                    hex(s, "sha256")));
        }
        long totalSectors = source.path("sectorCount").canConvertToLong()
                ? source.path("sectorCount").asLong()
                : 0;
        List<BadRangeRow> badRows = new ArrayList<>();
        List<Bar.Range> badRanges = new ArrayList<>();
        for (JsonNode r : item.path("badSectors").path("ranges")) {
            badRows.add(new BadRangeRow(
                    r.path("firstSector").asText(),
                    r.path("sectorCount").asText(),
                    r.path("byteOffset").asText(),
                    r.path("lengthBytes").asText(),
                    text(r, "error"),
                    text(r, "fill")));
            badRanges.add(new Bar.Range(
                    r.path("firstSector").asLong(),
                    r.path("sectorCount").asLong(),
                    "bad",
                    "",
                    "sectors " + r.path("firstSector").asLong() + "–"
                            + (r.path("firstSector").asLong()
                                    + r.path("sectorCount").asLong()
                                    - 1)));
        }
        Bar badMap = totalSectors > 0 ? Bar.of(totalSectors, badRanges, true) : null;

        JsonNode analysis = item.path("analysis");
        List<ReportView.PartitionRow> partitions =
                analysis.isObject() ? PartitionLayout.read(analysis.path("summary")) : List.of();
        Bar partitionMap = totalSectors > 0 && !partitions.isEmpty() ? partitionBar(totalSectors, partitions) : null;

        String[] verification = verification(item);
        String bytes = acq.path("bytesAcquired").canConvertToLong()
                ? Sizes.human(acq.path("bytesAcquired").asLong())
                : acq.path("bytesAcquired").asText("");
        return new ItemView(
                item.path("id").asText(),
                text(identity, "description"),
                HtmlText.of(deviceText),
                text(source, "path"),
                bytes,
                acq.path("started").asText(""),
                acq.path("ended").isTextual() ? acq.path("ended").asText() : "",
                acq.path("status").asText(),
                verification[0],
                verification[1],
                new Hex(sha256),
                item.path("badSectors").path("count").asLong(0),
                ident,
                acqRows,
                hashes,
                segments,
                badMap,
                badRows,
                partitionMap,
                partitions,
                analysis.isObject() ? TreeView.of(analysis.path("summary")) : null,
                analysis.isObject() ? text(analysis, "file") : HtmlText.of(""));
    }

    /** The verification verdict in words and its CSS class: verified, attention or mismatch. */
    static String[] verification(JsonNode item) {
        boolean mismatch = false;
        List<String> matched = new ArrayList<>();
        for (JsonNode h : item.path("hashes")) {
            String scope = h.path("scope").asText();
            if (h.path("verdict").asText().equals("mismatch")) {
                mismatch = true;
            } else if (!scope.equals("acquired") && h.path("verdict").asText().equals("match")) {
                String what = scope.replace("-reread", "");
                if (!matched.contains(what)) {
                    matched.add(what);
                }
            }
        }
        if (mismatch) {
            return new String[] {"a re-read did NOT match", "mismatch"};
        }
        if (!"complete".equals(item.path("acquisition").path("status").asText())) {
            return new String[] {"not verified: the acquisition is not complete", "attention"};
        }
        if (matched.isEmpty()) {
            return new String[] {"not verified: no re-read recorded", "attention"};
        }
        return new String[] {"verified: " + String.join(" and ", matched) + " re-read matched", "verified"};
    }

    private static Bar partitionBar(long totalSectors, List<ReportView.PartitionRow> partitions) {
        List<Bar.Range> ranges = new ArrayList<>();
        int n = 0;
        for (ReportView.PartitionRow p : partitions) {
            String kind = !p.allocated() ? "free" : n++ % 2 == 0 ? "part" : "part-alt";
            ranges.add(new Bar.Range(
                    p.startSector(),
                    p.lengthSectors(),
                    kind,
                    p.index(),
                    "#" + p.index() + ": " + p.description().plain() + " (sectors " + p.startSector() + "–"
                            + (p.startSector() + p.lengthSectors() - 1) + ")"));
        }
        return Bar.of(totalSectors, ranges, false);
    }

    /**
     * A nested value on one line, {@code key: value, key: value}, with strings as they are (not JSON-escaped), so
     * control characters reach {@link HtmlText} and show as badges rather than as {@code \u001b} look-alikes.
     */
    static String flat(JsonNode n) {
        if (!n.isContainerNode()) {
            return n.isNull() ? "null" : n.asText();
        }
        List<String> parts = new ArrayList<>();
        if (n.isObject()) {
            n.properties().forEach(e -> parts.add(e.getKey() + ": " + flat(e.getValue())));
        } else {
            n.forEach(e -> parts.add(flat(e)));
        }
        return (n.isArray() ? "[" : "") + String.join(", ", parts) + (n.isArray() ? "]" : "");
    }

    private static void row(List<Row> rows, String label, JsonNode value) {
        String shown;
        if (value.isMissingNode() || value.isNull()) {
            shown = "—";
        } else if (value.isContainerNode()) {
            shown = flat(value);
        } else {
            shown = value.asText();
        }
        rows.add(new Row(label, HtmlText.of(shown)));
    }
}

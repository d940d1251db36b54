package dev.exhibit.report.html;

import static dev.exhibit.report.html.ReportViews.hex;
import static dev.exhibit.report.html.ReportViews.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import dev.exhibit.report.html.ReportView.AnalysisView;
import dev.exhibit.report.html.ReportView.BadRangeRow;
import dev.exhibit.report.html.ReportView.HashGroup;
import dev.exhibit.report.html.ReportView.HashRow;
import dev.exhibit.report.html.ReportView.ItemView;
import dev.exhibit.report.html.ReportView.SegmentRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One evidence item of the record as the page shows it. */
final class ItemViews {
    private ItemViews() {}

    static ItemView of(JsonNode item) {
        JsonNode identity = item.path("identity");
        JsonNode source = identity.path("source");
        JsonNode acq = item.path("acquisition");

        String sha256 = "";
        for (JsonNode h : item.path("hashes")) {
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
                    s.path("fileBytes").asText(),
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
        Bar badMap = totalSectors > 0 && !badRanges.isEmpty() ? Bar.of(totalSectors, badRanges, true) : null;

        AnalysisView analysis = AnalysisViews.of(item.path("analysis"));
        List<ReportView.PartitionRow> partitions = analysis == null ? List.of() : analysis.partitions();
        Bar partitionMap = totalSectors > 0 && !partitions.isEmpty() ? partitionBar(totalSectors, partitions) : null;

        String[] verification = verification(item);
        String bytes = acq.path("bytesAcquired").canConvertToLong()
                ? Sizes.human(acq.path("bytesAcquired").asLong())
                : acq.path("bytesAcquired").asText("");
        return new ItemView(
                item.path("id").asText(),
                text(identity, "description"),
                HtmlText.of(DeviceFacts.device(identity.path("device"))),
                text(source, "path"),
                bytes,
                acq.path("started").asText(""),
                acq.path("ended").isTextual() ? acq.path("ended").asText() : "",
                acq.path("status").asText(),
                verification[0],
                verification[1],
                new Hex(sha256),
                item.path("badSectors").path("count").asLong(0),
                DeviceFacts.identity(identity),
                DeviceFacts.writeBlock(item.path("writeBlock")),
                AcquisitionFacts.acquisition(item),
                AcquisitionFacts.options(acq.path("options")),
                withStored(hashGroups(item.path("hashes")), item.path("image").path("storedHashes")),
                segments,
                badMap,
                badRows,
                partitionMap,
                analysis,
                KeptViews.of(item));
    }

    /** The hashes by when they were computed: during acquisition, then each re-read, each hash on its own line. */
    static List<HashGroup> hashGroups(JsonNode hashes) {
        Map<String, List<HashRow>> rows = new LinkedHashMap<>();
        Map<String, String[]> heads = new LinkedHashMap<>();
        for (JsonNode h : hashes) {
            String scope = h.path("scope").asText();
            String at = h.path("computedAt").asText();
            String key = scope + " " + at;
            heads.computeIfAbsent(key, k -> new String[] {title(scope), at});
            String verdict = h.path("verdict").asText();
            rows.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new HashRow(
                            AcquisitionFacts.algorithm(h.path("algorithm").asText()),
                            hex(h, "value"),
                            verdict,
                            shown(scope.equals("acquired"), verdict)));
        }
        List<HashGroup> out = new ArrayList<>();
        rows.forEach((key, list) -> out.add(new HashGroup(heads.get(key)[0], heads.get(key)[1], list)));
        return out;
    }

    /** The hashes an E01 set stores in its own sections, as one more group, compared with the acquired ones. */
    private static List<HashGroup> withStored(List<HashGroup> groups, JsonNode stored) {
        if (!stored.isObject()) {
            return groups;
        }
        String verdict = stored.path("verdict").asText();
        String shown = verdict.equals("match") ? "equals the acquired hash" : "DIFFERS from the acquired hash";
        List<HashRow> rows = new ArrayList<>();
        for (String a : List.of("md5", "sha1")) {
            rows.add(new HashRow(AcquisitionFacts.algorithm(a), hex(stored, a), verdict, shown));
        }
        List<HashGroup> out = new ArrayList<>(groups);
        out.add(new HashGroup(
                "Stored inside the E01 set " + stored.path("file").asText()
                        + " (its hash and digest sections; E01 has no place for SHA-256), read back",
                stored.path("readAt").asText(),
                rows));
        return out;
    }

    private static String shown(boolean acquired, String verdict) {
        return switch (verdict) {
            case "match" -> acquired ? "every re-read matched" : "matches";
            case "mismatch" -> acquired ? "a re-read DIFFERS" : "DIFFERS";
            case "not-checked" -> acquired ? "not re-read" : "not compared";
            default -> verdict;
        };
    }

    private static String title(String scope) {
        return switch (scope) {
            case "acquired" -> "Computed while acquiring, over the bytes read from the source";
            case "image-reread" -> "Image re-read (exhibit verify)";
            case "source-reread" -> "Source re-read (exhibit verify --source)";
            default -> scope;
        };
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
}

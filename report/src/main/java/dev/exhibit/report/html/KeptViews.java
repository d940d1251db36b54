package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses kept beside an item (record members {@code analysisFiles} and {@code hashSets}, docs/report.md) as an
 * examiner reads them: each file with its SHA-256 and the command that made it; the hash sets consulted, with what
 * identifies them (count, each source's SHA-256); the counts of known and notable data streams; and each notable
 * stream with its path shown from its exact bytes, its digests and its sets.
 */
public final class KeptViews {
    /** Notable files listed on the page; the record and hashsets.json hold every one. */
    static final int MAX_HITS_SHOWN = 500;

    private KeptViews() {}

    /** What {@code kept.jte} draws; {@code hashSets} is {@code null} when no hash set was consulted. */
    public record KeptView(HtmlText directory, List<FileRow> files, HashSetsView hashSets) {}

    public record FileRow(HtmlText name, String size, Hex sha256) {}

    /** @param notShown notable files beyond {@link #MAX_HITS_SHOWN}, left off the page */
    public record HashSetsView(
            List<SetRow> sets, String hashed, String known, String notable, List<NotableRow> hits, long notShown) {}

    /** @param counts per algorithm, e.g. "md5 1,024, sha256 1,024" */
    public record SetRow(HtmlText name, String kind, HtmlText description, String counts, List<SourceRow> sources) {}

    public record SourceRow(HtmlText file, HtmlText format, Hex sha256) {}

    public record Digest(String label, Hex value) {}

    /** @param stream an NTFS stream's name, empty for a file's content */
    public record NotableRow(
            String index,
            String partition,
            HtmlText path,
            HtmlText stream,
            String inode,
            String state,
            List<Digest> digests,
            HtmlText sets) {}

    /** {@code null} when the item has no kept analysis file. */
    static KeptView of(JsonNode item) {
        JsonNode files = item.path("analysisFiles");
        if (!files.isArray() || files.isEmpty()) {
            return null;
        }
        List<FileRow> rows = new ArrayList<>();
        String directory = "";
        for (JsonNode f : files) {
            String file = f.path("file").asText();
            directory = file.substring(0, file.lastIndexOf('/') + 1);
            rows.add(new FileRow(
                    HtmlText.of(file.substring(directory.length())),
                    f.path("bytes").canConvertToLong()
                            ? Sizes.human(f.path("bytes").asLong())
                            : "",
                    ReportViews.hex(f, "sha256")));
        }
        JsonNode h = item.path("hashSets");
        return new KeptView(HtmlText.of(directory), rows, h.isObject() ? hashSets(h) : null);
    }

    private static HashSetsView hashSets(JsonNode h) {
        List<SetRow> sets = new ArrayList<>();
        for (JsonNode s : h.path("sets")) {
            List<String> counts = new ArrayList<>();
            for (JsonNode i : s.path("indexes")) {
                counts.add(i.path("algorithm").asText() + " " + count(i.path("count")));
            }
            List<SourceRow> sources = new ArrayList<>();
            for (JsonNode src : s.path("sources")) {
                String detail = src.path("detail").asText("");
                sources.add(new SourceRow(
                        ReportViews.text(src, "file"),
                        HtmlText.of(src.path("format").asText("") + (detail.isEmpty() ? "" : ", " + detail)),
                        ReportViews.hex(src, "sha256")));
            }
            sets.add(new SetRow(
                    ReportViews.text(s, "name"),
                    s.path("kind").asText(""),
                    ReportViews.text(s, "description"),
                    String.join(", ", counts),
                    sources));
        }
        List<NotableRow> hits = new ArrayList<>();
        for (JsonNode n : h.path("notable")) {
            if (hits.size() < MAX_HITS_SHOWN) {
                hits.add(hit(hits.size() + 1, n));
            }
        }
        JsonNode c = h.path("counts");
        return new HashSetsView(
                sets,
                count(c.path("hashedStreams")),
                count(c.path("knownStreams")),
                count(c.path("notableStreams")),
                hits,
                Math.max(0, h.path("notable").size() - MAX_HITS_SHOWN));
    }

    private static NotableRow hit(int index, JsonNode n) {
        List<Digest> digests = new ArrayList<>();
        for (String a : List.of("md5", "sha1", "sha256", "sha512")) {
            if (n.path(a).isTextual()) {
                digests.add(new Digest(a.toUpperCase(java.util.Locale.ROOT), ReportViews.hex(n, a)));
            }
        }
        List<String> sets = new ArrayList<>();
        n.path("hashsets").forEach(s -> sets.add(s.asText()));
        String state = n.path("deleted").asBoolean(false) ? "deleted" : "allocated";
        if (n.path("contentMayBeReused").asBoolean(false)) {
            state += "; content may be another file's";
        }
        return new NotableRow(
                String.valueOf(index),
                n.path("partition").isTextual() ? n.path("partition").asText() : "—",
                RawText.of(n, "path"),
                RawText.of(n, "stream"),
                n.path("inode").asText(""),
                state,
                digests,
                HtmlText.of(String.join(", ", sets)));
    }

    private static String count(JsonNode n) {
        return n.canConvertToLong() ? String.format(java.util.Locale.ROOT, "%,d", n.asLong()) : n.asText("—");
    }
}

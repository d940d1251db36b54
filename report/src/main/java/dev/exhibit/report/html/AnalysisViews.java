package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.AnalysisView;
import dev.exhibit.report.html.ReportView.FileSystemRow;
import java.util.ArrayList;
import java.util.List;

/**
 * An item's analysis summary ({@code exhibit analyze IMAGE --json}, docs/analyze.md) as an examiner reads it: the
 * image, the partition table and the file systems with their counts as tables, then any warning and problem. The
 * summary itself stays in record.json, the machine-readable source; nothing of it is printed as a JSON tree.
 */
final class AnalysisViews {
    private AnalysisViews() {}

    /** {@code null} when the item has no analysis summary. */
    static AnalysisView of(JsonNode analysis) {
        if (!analysis.isObject()) {
            return null;
        }
        JsonNode s = analysis.path("summary");
        JsonNode image = s.path("image");
        String imageLine = DeviceFacts.text(image.path("format"))
                + (image.path("formatDescription").isTextual()
                        ? " (" + image.path("formatDescription").asText() + ")"
                        : "")
                + ", " + Units.bytes(image.path("mediaBytes")) + " in "
                + DeviceFacts.text(image.path("sectorSizeBytes"))
                + "-byte sectors";
        JsonNode vs = s.path("volumeSystem");
        HtmlText volumeSystem = vs.isObject()
                ? HtmlText.of(RawText.of(vs, "description").plain() + " (" + DeviceFacts.text(vs.path("type"))
                        + "), at byte offset " + DeviceFacts.text(vs.path("byteOffset")) + ", "
                        + DeviceFacts.text(vs.path("blockSizeBytes")) + "-byte blocks" + diskId(vs))
                : HtmlText.of("none found: the image holds no partition table libtsk recognises");
        List<FileSystemRow> fileSystems = new ArrayList<>();
        for (JsonNode fs : s.path("fileSystems")) {
            fileSystems.add(fileSystem(fs));
        }
        List<HtmlText> notes = new ArrayList<>();
        for (JsonNode w : s.path("warnings")) {
            notes.add(HtmlText.of("Warning: " + (w.isTextual() ? w.asText() : DeviceFacts.text(w))));
        }
        for (JsonNode p : s.path("problems")) {
            notes.add(HtmlText.of("Not analysed: " + problem(p)));
        }
        JsonNode inv = s.path("invocation");
        return new AnalysisView(
                ReportViews.text(analysis, "file"),
                ReportViews.hex(analysis, "sha256"),
                HtmlText.of(imageLine),
                volumeSystem,
                PartitionLayout.read(s),
                fileSystems,
                notes,
                ReportViews.text(inv, "commandLine"),
                inv.path("started").asText(""));
    }

    private static FileSystemRow fileSystem(JsonNode fs) {
        JsonNode files = fs.path("files");
        String partition = fs.path("partition").isNull() || fs.path("partition").isMissingNode()
                ? "—"
                : fs.path("partition").asText();
        return new FileSystemRow(
                partition,
                RawText.of(fs, "type"),
                RawText.of(fs, "label"),
                DeviceFacts.text(fs.path("startSector")),
                fs.path("sizeBytes").canConvertToLong()
                        ? dev.exhibit.core.Sizes.human(fs.path("sizeBytes").asLong())
                        : DeviceFacts.text(fs.path("sizeBytes")),
                DeviceFacts.text(fs.path("blockSizeBytes")),
                count(files, "regularFiles"),
                count(files, "directories"),
                count(files, "deleted"),
                files.path("orphanSearch").asBoolean(true) ? count(files, "orphans") : "not searched",
                fs.path("complete").asBoolean(true) ? "" : "incomplete: the walk of this file system stopped early",
                volumeId(fs.path("volumeId")));
    }

    /** {@code , disk GUID ...} or {@code , disk signature 0x...}: what identifies the disk in its table. */
    private static String diskId(JsonNode vs) {
        if (vs.path("diskGuid").isTextual()) {
            return ", disk GUID " + vs.path("diskGuid").asText();
        }
        return vs.path("diskSignature").isTextual()
                ? ", disk signature " + vs.path("diskSignature").asText()
                : "";
    }

    private static String volumeId(JsonNode id) {
        if (!id.isObject()) {
            return "";
        }
        String label = switch (id.path("kind").asText()) {
            case "uuid" -> "UUID";
            case "serial" -> "serial";
            default -> "ID";
        };
        return label + " " + id.path("value").asText();
    }

    private static String count(JsonNode files, String field) {
        return files.isObject() ? DeviceFacts.text(files.path(field)) : "—";
    }

    private static String problem(JsonNode p) {
        if (!p.isObject()) {
            return DeviceFacts.text(p);
        }
        String where = p.path("partition").isNull() || p.path("partition").isMissingNode()
                ? ""
                : " in partition " + p.path("partition").asText();
        return DeviceFacts.text(p.path("structure")) + " at byte offset " + DeviceFacts.text(p.path("byteOffset"))
                + where + ": " + DeviceFacts.text(p.path("message"));
    }
}

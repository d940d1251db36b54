package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Sizes;
import java.util.Base64;
import java.util.Locale;

/**
 * The human-readable form of an analysis summary: the image, the partition table as {@code mmls} prints it with
 * Exhibit's partition names in front and the identifiers the table records, and each file system's type, label,
 * UUID or serial number, size and file counts. Evidence strings (labels, GPT names) are shown in their
 * display form, so that a name cannot drive the terminal.
 */
final class SummaryText {
    private SummaryText() {}

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        JsonNode img = s.path("image");
        b.append("Image: ").append(Displayed.of(img.path("path").asText())).append('\n');
        b.append("Format: ")
                .append(img.path("format").asText())
                .append(" (")
                .append(img.path("formatDescription").asText())
                .append("), ")
                .append(plural(img.path("files").size(), "file", "files"))
                .append('\n');
        b.append("Media size: ")
                .append(Sizes.describe(img.path("mediaBytes").asLong()))
                .append(", sector size ")
                .append(img.path("sectorSizeBytes").asLong())
                .append(" bytes\n");
        ContainerFacts.render(b, img.path("container"));
        for (JsonNode w : s.path("warnings")) {
            b.append("Warning: ").append(Displayed.of(w.asText())).append('\n');
        }
        b.append('\n');
        JsonNode vs = s.path("volumeSystem");
        if (vs.isObject()) {
            partitionTable(b, vs);
        } else {
            b.append("No partition table: the image holds a file system directly (or nothing libtsk recognises).\n");
        }
        b.append('\n');
        fileSystems(b, s);
        for (JsonNode p : s.path("problems")) {
            b.append("Problem: ")
                    .append(Displayed.of(p.path("message").asText()))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * The partition table as {@code mmls} lists it, column for column, with Exhibit's name for each partition in
     * front (mmls's address stays, for The Sleuth Kit's tools: {@code mmcat}, the body file's {@code volN/}); then
     * what the table records about each named partition.
     */
    private static void partitionTable(StringBuilder b, JsonNode vs) {
        long block = vs.path("blockSizeBytes").asLong();
        b.append(vs.path("description").asText()).append('\n');
        if (vs.path("diskGuid").isTextual()) {
            b.append("Disk GUID: ").append(vs.path("diskGuid").asText()).append('\n');
        }
        if (vs.path("diskSignature").isTextual()) {
            b.append("Disk signature: ")
                    .append(vs.path("diskSignature").asText())
                    .append('\n');
        }
        b.append("Offset Sector: ")
                .append(vs.path("byteOffset").asLong() / Math.max(1, block))
                .append('\n');
        b.append("Units are in ").append(block).append("-byte sectors\n\n");
        b.append("Name  mmls  Slot      Start        End          Length       Description\n");
        for (JsonNode p : vs.path("partitions")) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-6s%03d:  %-10s%010d   %010d   %010d   %s%n",
                    p.path("name").isTextual() ? p.path("name").asText() : "-",
                    p.path("address").asLong(),
                    p.path("slot").asText(),
                    p.path("startSector").asLong(),
                    p.path("endSector").asLong(),
                    p.path("lengthSectors").asLong(),
                    Displayed.bytes(p.path("descriptionBytes").asText())));
        }
        StringBuilder ids = new StringBuilder();
        for (JsonNode p : vs.path("partitions")) {
            String line = identity(p);
            if (line != null && p.path("name").isTextual()) {
                ids.append("  ")
                        .append(String.format(
                                Locale.ROOT, "%-4s", p.path("name").asText()));
                ids.append(' ').append(line).append('\n');
            }
        }
        if (!ids.isEmpty()) {
            b.append("\nPartitions:\n").append(ids);
        }
    }

    /** What the table records about a named partition, or {@code null} when there is nothing to say. */
    private static String identity(JsonNode p) {
        JsonNode gpt = p.path("gpt");
        JsonNode mbr = p.path("mbr");
        if (gpt.isObject()) {
            String typeName = gpt.path("typeName").isTextual()
                    ? " (" + gpt.path("typeName").asText() + ")"
                    : "";
            return "GPT entry " + gpt.path("entry").asInt() + ", name \""
                    + Displayed.bytes(p.path("descriptionBytes").asText()) + "\", type "
                    + gpt.path("typeGuid").asText() + typeName
                    + "\n       partition GUID " + gpt.path("partitionGuid").asText() + ", attributes "
                    + gpt.path("attributes").asText();
        }
        if (mbr.isObject()) {
            String where = mbr.path("table").asInt() == 0
                    ? "MBR entry " + mbr.path("entry").asInt()
                    : "entry " + mbr.path("entry").asInt() + " of the extended boot record at sector "
                            + mbr.path("tableSector").asLong();
            return where + ", type " + mbr.path("type").asText()
                    + (mbr.path("bootable").asBoolean() ? ", bootable" : "");
        }
        return null;
    }

    private static void fileSystems(StringBuilder b, JsonNode s) {
        JsonNode list = s.path("fileSystems");
        b.append(list.isEmpty() ? "No file system found.\n" : "File systems:\n");
        for (JsonNode fs : list) {
            JsonNode id = fs.path("volumeId");
            b.append("  ")
                    .append(
                            fs.path("partition").isTextual()
                                    ? fs.path("partition").asText()
                                    : "image")
                    .append(" at sector ")
                    .append(fs.path("startSector").asLong())
                    .append(" (byte offset ")
                    .append(fs.path("byteOffset").asLong())
                    .append("): ")
                    .append(fs.path("type").asText())
                    .append(", label \"")
                    .append(Displayed.bytes(fs.path("labelBytes").asText()))
                    .append("\", ")
                    .append(id.isObject() ? idLabel(id) + " " + id.path("value").asText() + ", " : "")
                    .append(fs.path("blockCount").asLong())
                    .append(" blocks of ")
                    .append(fs.path("blockSizeBytes").asLong())
                    .append(" bytes\n");
            JsonNode f = fs.path("files");
            if (f.isObject()) {
                b.append("    files: ")
                        .append(count(f, "entries", "entry", "entries"))
                        .append(": ")
                        .append(count(f, "regularFiles", "regular file", "regular files"))
                        .append(", ")
                        .append(count(f, "directories", "directory", "directories"))
                        .append(", ")
                        .append(count(f, "symlinks", "symlink", "symlinks"))
                        .append(", ")
                        .append(f.path("virtual").asLong())
                        .append(" virtual, ")
                        .append(f.path("other").asLong())
                        .append(" other; ")
                        .append(f.path("deleted").asLong())
                        .append(" deleted, ")
                        .append(count(f, "orphans", "orphan", "orphans"))
                        .append(f.path("orphanSearch").asBoolean() ? "" : " (orphan search skipped)")
                        .append('\n');
            } else {
                b.append("    files: not counted (the walk did not complete; see the problems below)\n");
            }
        }
    }

    private static String idLabel(JsonNode id) {
        return switch (id.path("kind").asText()) {
            case "uuid" -> "UUID";
            case "serial" -> "serial";
            default -> "ID";
        };
    }

    /** {@code 1 entry}, {@code 2 entries}: a count with its noun in agreement. */
    static String count(JsonNode parent, String member, String one, String many) {
        return plural(parent.path(member).asLong(), one, many);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Display forms for text that came through JSON. */
    private static final class Displayed {
        static String of(String text) {
            return dev.exhibit.analyze.output.Display.of(text);
        }

        static String bytes(String base64) {
            return dev.exhibit.analyze.output.Display.of(Base64.getDecoder().decode(base64));
        }
    }
}

package dev.exhibit.report.html;

import static dev.exhibit.report.html.DeviceFacts.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How an item was acquired, as labelled rows with units: times, duration, rate, and the options that were in force. */
final class AcquisitionFacts {
    private AcquisitionFacts() {}

    static List<Row> acquisition(JsonNode item) {
        JsonNode acq = item.path("acquisition");
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("Status", text(acq.path("status"))));
        rows.add(Row.of("Started (UTC)", text(acq.path("started"))));
        rows.add(Row.of("Ended (UTC)", text(acq.path("ended"))));
        rows.add(Row.of("Duration", Units.duration(acq.path("durationMillis"))));
        rows.add(Row.of("Bytes acquired", Units.bytes(acq.path("bytesAcquired"))));
        rows.add(Row.of("Average rate", Units.rate(acq.path("bytesPerSecond"))));
        rows.add(Row.of("Command line", text(acq.path("invocation").path("commandLine"))));
        rows.add(Row.of("Tool build", tool(acq.path("invocation"))));
        JsonNode failure = acq.path("failure");
        if (failure.isObject()) {
            rows.add(Row.of(
                    "Stopped early",
                    text(failure.path("kind")) + ": " + text(failure.path("error")) + " (at source byte "
                            + text(failure.path("atSourceByte")) + ")"));
        }
        int resumes = acq.path("resumes").size();
        if (resumes > 0) {
            rows.add(Row.of("Resumed", resumes + (resumes == 1 ? " time" : " times") + "; see the acquisition log"));
        }
        JsonNode files = item.path("image").path("files");
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.asText()));
        rows.add(Row.of(
                "Image",
                format(item.path("image").path("format")) + ", "
                        + (names.size() == 1
                                ? "one file: " + names.getFirst()
                                : names.size() + " files: " + String.join(", ", names))));
        return rows;
    }

    /** The options of the acquisition's start record, each with its meaning; options added later still show. */
    static List<Row> options(JsonNode options) {
        List<Row> rows = new ArrayList<>();
        if (!options.isObject()) {
            rows.add(Row.of("Options", text(options)));
            return rows;
        }
        Set<String> shown = new LinkedHashSet<>();
        option(rows, shown, options, "hashes", "Hash algorithms", AcquisitionFacts::algorithms);
        option(rows, shown, options, "format", "Image format", AcquisitionFacts::format);
        option(rows, shown, options, "splitBytes", "Split into files of", n -> n.isNull() ? "not split" : size(n));
        option(rows, shown, options, "windowBytes", "Piecewise SHA-256 window", AcquisitionFacts::size);
        option(rows, shown, options, "sectorBytes", "Sector size", AcquisitionFacts::size);
        option(rows, shown, options, "readBlockBytes", "Read block", AcquisitionFacts::size);
        option(rows, shown, options, "clusterBytes", "Read after an error in clusters of", AcquisitionFacts::size);
        option(rows, shown, options, "retries", "Retries of an unreadable sector", DeviceFacts::text);
        option(rows, shown, options, "fill", "Unreadable sectors filled with", DeviceFacts::text);
        option(
                rows,
                shown,
                options,
                "maxBadSectors",
                "Give up after unreadable sectors",
                n -> n.isNull() ? "no limit" : text(n));
        option(
                rows,
                shown,
                options,
                "writeBlockCheck",
                "Write-block check",
                n -> n.isBoolean() ? (n.asBoolean() ? "on" : "OFF (--no-writeblock-check)") : text(n));
        option(
                rows,
                shown,
                options,
                "directIo",
                "Direct I/O (bypassing the page cache)",
                n -> n.isBoolean() ? (n.asBoolean() ? "yes" : "no") : text(n));
        if (options.path("e01").isObject()) {
            shown.add("e01");
            e01(rows, options.get("e01"));
        }
        option(
                rows,
                shown,
                options,
                "timeStampAuthority",
                "Time-stamp authority",
                n -> n.isNull() ? "none asked for" : text(n) + " (time-stamps the log's head)");
        options.properties().forEach(e -> {
            if (!shown.contains(e.getKey())) {
                rows.add(Row.of(words(e.getKey()), later(e.getValue())));
            }
        });
        return rows;
    }

    /** The E01 set's own settings (docs/e01.md), each a row as the other options. */
    private static void e01(List<Row> rows, JsonNode e01) {
        Set<String> shown = new LinkedHashSet<>();
        option(rows, shown, e01, "compression", "E01 compression", n -> switch (n.asText()) {
            case "none" -> "none (every chunk stored as read)";
            case "empty-block" -> "empty-block (only chunks of zeros compressed)";
            case "fast" -> "fast (zlib level 1)";
            case "best" -> "best (zlib level 9)";
            default -> text(n);
        });
        if (e01.has("sectorsPerChunk") || e01.has("chunkBytes")) {
            shown.add("sectorsPerChunk");
            shown.add("chunkBytes");
            rows.add(Row.of(
                    "E01 chunk size",
                    text(e01.path("sectorsPerChunk")) + " sectors, " + Units.bytes(e01.path("chunkBytes"))));
        }
        option(rows, shown, e01, "segmentBytes", "E01 segment size", n -> "at most " + size(n) + " per file");
        e01.properties().forEach(e -> {
            if (!shown.contains(e.getKey())) {
                rows.add(Row.of("E01 " + words(e.getKey()), later(e.getValue())));
            }
        });
    }

    /**
     * An option a later version logs and this one has no label for: its name in words ({@code readAheadBytes} as
     * {@code read ahead bytes}) and its value, never a log key beside raw JSON.
     */
    static String words(String key) {
        if (key.isEmpty()) {
            return "(unnamed)";
        }
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String later(JsonNode value) {
        if (!value.isObject()) {
            return text(value);
        }
        List<String> parts = new ArrayList<>();
        value.properties()
                .forEach(e -> parts.add(words(e.getKey()).toLowerCase(Locale.ROOT) + " " + later(e.getValue())));
        return String.join(", ", parts);
    }

    /** {@code raw}, {@code split raw}, {@code E01 (Expert Witness Format)}: the log's format id in words. */
    static String format(JsonNode id) {
        return id.asText().equals("e01") ? "E01 (Expert Witness Format)" : text(id).replace('-', ' ');
    }

    /** {@code MD5, SHA-1, SHA-256}: the names the standards use, not the command-line ids. */
    static String algorithms(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(algorithm(a.asText())));
        return out.isEmpty() ? text(list) : String.join(", ", out);
    }

    static String algorithm(String id) {
        String up = id.toUpperCase(Locale.ROOT);
        return up.matches("SHA\\d+") ? "SHA-" + up.substring(3) : up;
    }

    private static String size(JsonNode n) {
        return Units.bytes(n);
    }

    private static String tool(JsonNode inv) {
        if (!inv.isObject()) {
            return text(inv);
        }
        return text(inv.path("tool")) + " " + text(inv.path("version")) + " (commit " + text(inv.path("commit"))
                + ("true".equals(inv.path("dirty").asText()) ? ", modified" : "") + ") on "
                + text(inv.path("host")) + ", " + text(inv.path("os")) + ", Java " + text(inv.path("java"));
    }

    private static void option(
            List<Row> rows,
            Set<String> shown,
            JsonNode options,
            String field,
            String label,
            java.util.function.Function<JsonNode, String> format) {
        if (options.has(field)) {
            shown.add(field);
            rows.add(Row.of(label, format.apply(options.get(field))));
        }
    }
}

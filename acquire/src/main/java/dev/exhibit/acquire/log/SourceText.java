package dev.exhibit.acquire.log;

import static dev.exhibit.acquire.log.RecordPage.bytes;
import static dev.exhibit.acquire.log.RecordPage.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.ArrayList;
import java.util.List;

/** The record's Source and Write blocking sections, from the log's {@code source} and write-block check records. */
final class SourceText {
    private SourceText() {}

    static void render(RecordPage page, JsonNode s, AcquisitionLog log) {
        page.heading("Source")
                .field("Path", text(s, "path") + " (real path " + text(s, "realPath") + ")")
                .field("Kind", text(s, "kind").replace('-', ' '));
        JsonNode d = s.path("device");
        if (d.isObject()) {
            page.field("Vendor", text(d, "vendor"))
                    .field("Model", text(d, "model"))
                    .field("Serial number", text(d, "serial"))
                    .field("Firmware", text(d, "firmware"))
                    .field("Transport", text(d, "transport"))
                    .field("Removable media", text(d, "removable"))
                    .field("Rotational", text(d, "rotational"))
                    .field("Disk", text(d, "disk"))
                    .field("Values from", sources(d.path("sources")));
        } else if (s.path("e01").isObject()) {
            e01(page, s.path("e01"), log);
        } else {
            page.field("Device", text(s, "device") + " (a regular file has no device identity)");
        }
        long sector = s.path("logicalSectorBytes").asLong(0);
        long partial = sector > 0 ? s.path("sizeBytes").asLong() % sector : 0;
        page.field(
                        "Size",
                        bytes(s.path("sizeBytes")) + " = " + text(s, "sectorCount") + " sectors of "
                                + text(s, "logicalSectorBytes") + " bytes"
                                + (partial > 0 ? " (the last one partial: " + partial + " bytes)" : ""))
                .field(
                        "Sector sizes",
                        "logical " + text(s, "logicalSectorBytes") + " bytes, physical "
                                + text(s, "physicalSectorBytes") + " bytes, " + text(s, "sectorSizes"))
                .field("HPA", hiddenArea(s.path("hpa")))
                .field("DCO", hiddenArea(s.path("dco")));
        writeBlock(page, s.path("writeBlock"), log.entries("writeblock-check"));
    }

    /** What an E01 source says about itself, and whether the hashes it stores are its media's. */
    private static void e01(RecordPage page, JsonNode e, AcquisitionLog log) {
        List<String> files = new ArrayList<>();
        e.path("segments").forEach(f -> files.add(f.asText()));
        page.field(
                        "E01 set",
                        files.size() + " segment file" + (files.size() == 1 ? "" : "s") + " ("
                                + (files.isEmpty()
                                        ? ""
                                        : files.getFirst() + (files.size() > 1 ? " to " + files.getLast() : ""))
                                + "), chunks of " + text(e, "chunkBytes") + " bytes, set " + text(e, "setGuid"))
                .field("Its case number", e.path("header").path("c").asText(""))
                .field("Its evidence number", e.path("header").path("n").asText(""))
                .field("Its examiner", e.path("header").path("e").asText(""))
                .field("Stored MD5", e.path("storedMd5").asText("none"))
                .field("Stored SHA-1", e.path("storedSha1").asText("none"))
                .field("Its error2", e.path("error2").size() + " ranges of sectors its maker could not read");
        List<ChainVerifier.Entry> check = log.entries("source-hashes");
        if (!check.isEmpty()) {
            JsonNode c = check.getLast().record();
            page.field(
                    "Stored hashes",
                    switch (c.path("verdict").asText()) {
                                case "match" -> "those of its media, as acquired";
                                case "mismatch" ->
                                    "NOT those of its media: " + c.path("stored") + " stored, " + c.path("computed")
                                            + " computed";
                                default -> "none stored: nothing vouches for the set";
                            }
                            + " (log line " + check.getLast().line() + ")");
        }
    }

    private static String sources(JsonNode from) {
        List<String> parts = new ArrayList<>();
        from.properties().forEach(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        return parts.isEmpty() ? RecordPage.NOT_LOGGED : String.join(", ", parts);
    }

    private static String hiddenArea(JsonNode a) {
        String state = text(a, "state");
        StringBuilder sb = new StringBuilder(state.replace('-', ' '));
        if (a.path("hiddenSectorCount").canConvertToLong()) {
            sb.append(": ")
                    .append(a.path("hiddenSectorCount").asLong())
                    .append(" hidden sectors (")
                    .append(text(a, "visibleSectorCount"))
                    .append(" visible of ")
                    .append(text(a, "fullSectorCount"))
                    .append(')');
        }
        if (a.path("detail").isTextual()) {
            sb.append(" (").append(a.path("detail").asText()).append(')');
        }
        return sb.toString();
    }

    private static void writeBlock(RecordPage page, JsonNode w, List<ChainVerifier.Entry> checks) {
        JsonNode hw = w.path("hardwareBlocker");
        String blocker = hw.isObject()
                ? text(hw, "model") + ", S/N " + text(hw, "serial") + " (declared by the examiner, not verified)"
                : text(w, "hardwareBlocker");
        page.heading("Write blocking")
                .field("Method", text(w, "method"))
                .field("Read-only flag", readOnly(w))
                .field(
                        "Exclusive open",
                        w.path("exclusiveOpen").asBoolean()
                                ? "yes (O_EXCL: nothing could mount the source during the run)"
                                : "no")
                .field("Hardware blocker", blocker);
        if (checks.isEmpty()) {
            page.field("Checks during run", "none logged");
            return;
        }
        long failed =
                checks.stream().filter(c -> !c.record().path("ok").asBoolean()).count();
        page.field(
                "Checks during run",
                checks.size() + " (every 10 s and at the end), "
                        + (failed == 0 ? "all ok" : failed + " found lapses:"));
        for (ChainVerifier.Entry c : checks) {
            JsonNode r = c.record();
            if (!r.path("ok").asBoolean()) {
                page.line(
                        4,
                        text(r, "time") + " at source byte " + text(r, "atSourceByte") + ": " + r.path("lapses")
                                + "; restored " + r.path("restored") + " (log line " + c.line() + ")");
            }
        }
    }

    private static String readOnly(JsonNode w) {
        JsonNode flag = w.path("readOnlyFlag");
        if (!flag.isBoolean()) {
            return text(w, "readOnlyFlag");
        }
        String checked = w.path("status").path("checked").asText("");
        return (flag.asBoolean() ? "on" : "OFF") + (checked.isEmpty() ? "" : " (checked " + checked + ")");
    }
}

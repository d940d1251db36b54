package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.report.html.ReportView.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The identity of an item's source and how it was write-blocked, as labelled sentences instead of the acquisition
 * log's nested objects: {@code Kingston DataTraveler 3.0, serial 60A4..., firmware 1.00, USB} rather than
 * {@code vendor: Kingston, model: ...}. Every value the log holds is still shown; only its form changes.
 */
final class DeviceFacts {
    private static final String UNKNOWN = "unknown";

    /** How the acquire stage names where a device fact came from, in words. */
    private static final Map<String, String> SOURCES = Map.of(
            "ata-identify", "ATA IDENTIFY DEVICE",
            "scsi-vpd-80", "SCSI VPD page 80h",
            "sysfs", "sysfs",
            "udev", "udev",
            "ioctl", "kernel ioctl");

    private static final Map<String, String> TRANSPORTS = Map.of(
            "usb", "USB",
            "sata", "SATA",
            "ata", "ATA",
            "nvme", "NVMe",
            "scsi", "SCSI",
            "sas", "SAS",
            "mmc", "MMC/SD",
            "loop", "loop device",
            "virtio", "virtio");

    private DeviceFacts() {}

    static List<Row> identity(JsonNode identity) {
        JsonNode source = identity.path("source");
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("Evidence number", text(identity.path("evidenceNumber"))));
        rows.add(Row.of("Description", text(identity.path("description"))));
        rows.add(Row.of("Notes", text(identity.path("notes"))));
        rows.add(Row.of("Examiner (at acquisition)", text(identity.path("examiner"))));
        rows.add(Row.of(
                "Source",
                text(source.path("path")) + ", " + text(source.path("kind")).replace('-', ' ')));
        rows.add(Row.of("Device", device(identity.path("device"))));
        String identifiedBy = identifiedBy(identity.path("device"));
        if (!identifiedBy.isEmpty()) {
            rows.add(Row.of("Device facts from", identifiedBy));
        }
        rows.add(Row.of("Capacity", Units.bytes(source.path("sizeBytes"))));
        rows.add(Row.of(
                "Sectors",
                (source.path("sectorCount").canConvertToLong()
                                ? Units.grouped(source.path("sectorCount").asLong())
                                : text(source.path("sectorCount")))
                        + " of " + text(source.path("logicalSectorBytes")) + " bytes (physical sector "
                        + text(source.path("physicalSectorBytes")) + " bytes)"));
        rows.add(Row.of("HPA (host protected area)", hiddenArea(identity.path("hpa"))));
        rows.add(Row.of("DCO (device configuration overlay)", hiddenArea(identity.path("dco"))));
        return rows;
    }

    /** {@code Kingston DataTraveler 3.0, serial ..., firmware 1.00, USB, removable media (disk sdb)}. */
    static String device(JsonNode d) {
        if (!d.isObject()) {
            return "not a device (" + text(d) + ")";
        }
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String name = (known(d, "vendor") + " " + known(d, "model")).strip();
        if (name.isEmpty()) {
            missing.add("vendor and model");
        } else {
            parts.add(name);
        }
        for (String f : List.of("serial", "firmware")) {
            if (known(d, f).isEmpty()) {
                missing.add(f);
            } else {
                parts.add(f + " " + known(d, f));
            }
        }
        String transport = known(d, "transport");
        if (!transport.isEmpty()) {
            parts.add(TRANSPORTS.getOrDefault(transport.toLowerCase(Locale.ROOT), transport));
        }
        if ("true".equals(d.path("removable").asText())) {
            parts.add("removable media");
        }
        if (!known(d, "disk").isEmpty()) {
            parts.add("kernel name " + known(d, "disk"));
        }
        String out = String.join(", ", parts);
        if (!missing.isEmpty()) {
            out += (out.isEmpty() ? "" : "; ") + String.join(", ", missing) + " not reported by the device";
        }
        return out;
    }

    /** {@code vendor, model, serial, firmware: SCSI VPD page 80h; transport: udev; ...}, grouped by source. */
    private static String identifiedBy(JsonNode device) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        device.path("sources").properties().forEach(e -> {
            String how = e.getValue().asText();
            if (!how.equals("none")) {
                bySource.computeIfAbsent(SOURCES.getOrDefault(how, how), k -> new ArrayList<>())
                        .add(e.getKey().equals("sectorSizes") ? "sector sizes" : e.getKey());
            }
        });
        List<String> parts = new ArrayList<>();
        bySource.forEach((how, fields) -> parts.add(String.join(", ", fields) + ": " + how));
        return String.join("; ", parts);
    }

    /** {@code absent (detail)}, {@code PRESENT: 2,048 sectors hidden (...)}, {@code not checked (detail)}. */
    static String hiddenArea(JsonNode h) {
        if (!h.isObject()) {
            return text(h);
        }
        String state = h.path("state").asText(UNKNOWN);
        String shown = switch (state) {
            case "present" -> "PRESENT";
            case "not-supported" -> "not supported by the device";
            default -> state.replace('-', ' ');
        };
        if (h.path("hiddenSectorCount").asLong(0) > 0) {
            shown += ": " + Units.grouped(h.path("hiddenSectorCount").asLong()) + " sectors hidden ("
                    + Units.grouped(h.path("visibleSectorCount").asLong()) + " visible of "
                    + Units.grouped(h.path("fullSectorCount").asLong()) + ")";
        }
        String detail = h.path("detail").asText("");
        return detail.isEmpty() ? shown : shown + " (" + detail + ")";
    }

    static List<Row> writeBlock(JsonNode wb) {
        JsonNode d = wb.path("detail");
        JsonNode status = d.path("status");
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("Method", text(wb.path("method"))));
        rows.add(Row.of("Kernel read-only flag", yes(d.path("readOnlyFlag"), "set", "NOT set")));
        rows.add(Row.of(
                "Exclusive open",
                yes(d.path("exclusiveOpen"), "yes: nothing could mount the device while it was read", "no")));
        rows.add(Row.of("Hardware write blocker", hardwareBlocker(d.path("hardwareBlocker"))));
        if (status.isObject()) {
            rows.add(Row.of("Checked before reading", text(status.path("checked"))));
            List<String> nodes = new ArrayList<>();
            for (JsonNode n : status.path("nodes")) {
                nodes.add(text(n.path("node")) + " (" + text(n.path("devNumber")) + "): "
                        + yes(n.path("readOnly"), "read-only", "NOT read-only"));
            }
            rows.add(Row.of("Device nodes", nodes.isEmpty() ? "—" : String.join("; ", nodes)));
            rows.add(Row.of("Mounted", yes(status.path("mounted"), "YES", "no")));
            List<String> uses = new ArrayList<>();
            for (JsonNode u : status.path("uses")) {
                uses.add(text(u.path("node")) + ": " + text(u.path("kind")) + " " + text(u.path("where")));
            }
            rows.add(Row.of("In use by", uses.isEmpty() ? "nothing" : String.join("; ", uses)));
        }
        rows.add(Row.of("Checks while reading", checks(wb.path("checks"))));
        return rows;
    }

    private static String checks(JsonNode checks) {
        if (checks.isEmpty()) {
            return "none recorded";
        }
        List<String> lapses = new ArrayList<>();
        for (JsonNode c : checks) {
            c.path("lapses").forEach(l -> lapses.add(l.asText()));
        }
        String n = checks.size() + (checks.size() == 1 ? " check" : " checks");
        return lapses.isEmpty()
                ? n + ", the device was read-only at each"
                : n + "; LAPSES: " + String.join("; ", lapses);
    }

    private static String hardwareBlocker(JsonNode h) {
        if (!h.isObject()) {
            return text(h);
        }
        return text(h.path("model")) + ", serial " + text(h.path("serial"))
                + (h.path("verified").asBoolean(false) ? "" : " (declared by the examiner, not verified)");
    }

    private static String yes(JsonNode n, String yes, String no) {
        return n.isBoolean() ? (n.asBoolean() ? yes : no) : text(n);
    }

    private static String known(JsonNode d, String field) {
        String v = d.path(field).asText("").strip();
        return v.equals(UNKNOWN) ? "" : v;
    }

    static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "—" : n.isContainerNode() ? ItemViews.flat(n) : n.asText();
    }
}

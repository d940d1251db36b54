package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.acquire.writeblock.HardwareBlocker;
import dev.exhibit.acquire.writeblock.WriteBlockCheck;
import dev.exhibit.acquire.writeblock.WriteBlockStatus;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.image.ewf.EwfInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The log's {@code source} record: what was acquired and how it was protected. A regular file has no device identity
 * and no hidden areas; they are written as unknown or not applicable, never left out.
 */
final class SourceFacts {
    private SourceFacts() {}

    /**
     * @param writeBlock the check made before the run, or null when skipped or not applicable
     * @param checkSkipped whether the examiner turned the check off
     */
    static ObjectNode describe(
            SourceDevice source,
            DeviceIdentity identity,
            WriteBlockStatus writeBlock,
            boolean checkSkipped,
            HardwareBlocker hardware) {
        ObjectNode s = Jcs.object();
        s.put("path", source.path().toString());
        s.put("realPath", source.realPath().toString());
        s.put("kind", source.kind());
        s.put("sizeBytes", source.sizeBytes());
        s.put("logicalSectorBytes", source.logicalSectorBytes());
        s.put("physicalSectorBytes", source.physicalSectorBytes());
        s.put(
                "sectorSizes",
                source.sectorSizesProbed()
                        ? "probed (BLKSSZGET, BLKPBSZGET)"
                        : source.ewfInfo() != null
                                ? "stated by the E01 set"
                                : source.container() != null
                                        ? "stated by the " + source.kind() + " image"
                                        : "assumed (regular file)");
        s.put("sectorCount", source.sectorCount());
        if (identity != null) {
            s.set("device", identity.deviceJson());
            s.set("hpa", identity.hpa().toJson());
            s.set("dco", identity.dco().toJson());
        } else {
            s.put("device", DeviceIdentity.UNKNOWN);
            ObjectNode na = Jcs.object()
                    .put("state", "not-applicable")
                    .put(
                            "detail",
                            source.ewfInfo() != null
                                    ? "the source is an E01 set"
                                    : source.container() != null
                                            ? "the source is a " + source.kind() + " image"
                                            : "the source is a regular file");
            s.set("hpa", na);
            s.set("dco", na.deepCopy());
        }
        if (source.ewfInfo() != null) {
            s.set("e01", ewf(source.ewfInfo()));
        }
        ObjectNode wb = s.putObject("writeBlock");
        if (source.container() != null) {
            wb.put(
                    "method",
                    "not applicable: " + (source.ewfInfo() != null ? "an E01 set" : "a " + source.kind() + " image")
                            + ", read through Exhibit's own reader, opened read-only");
            wb.put("readOnlyFlag", "not applicable");
        } else if (!source.isBlockDevice()) {
            wb.put("method", "not applicable: a regular file, opened read-only");
            wb.put("readOnlyFlag", "not applicable");
        } else if (checkSkipped) {
            wb.put("method", "not checked: --no-writeblock-check");
            wb.put("readOnlyFlag", "not checked");
        } else {
            wb.put("method", "software: " + WriteBlockCheck.METHOD + " (BLKROSET), checked before and during the run");
            wb.put("readOnlyFlag", writeBlock.readOnly());
            wb.set("status", writeBlock.toJson());
        }
        wb.put("exclusiveOpen", source.isBlockDevice());
        if (hardware != null) {
            wb.set("hardwareBlocker", hardware.toJson());
        } else {
            wb.put("hardwareBlocker", "none declared");
        }
        return s;
    }

    /** What an E01 source says about itself: its files, metadata, stored hashes and unreadable sectors. */
    private static ObjectNode ewf(EwfInfo info) {
        ObjectNode e = Jcs.object();
        ArrayNode files = e.putArray("segments");
        info.segments().forEach(p -> files.add(p.getFileName().toString()));
        ObjectNode header = e.putObject("header");
        info.header().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h -> header.put(h.getKey(), h.getValue()));
        e.put("chunkBytes", info.chunkBytes());
        e.put("compressionLevel", info.compressionLevel());
        e.put("setGuid", String.valueOf(info.setGuid()));
        putOrNull(e, "storedMd5", info.storedMd5());
        putOrNull(e, "storedSha1", info.storedSha1());
        ArrayNode errors = e.putArray("error2");
        info.errors()
                .forEach(r ->
                        errors.addObject().put("firstSector", r.firstSector()).put("sectorCount", r.sectorCount()));
        return e;
    }

    private static void putOrNull(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    /**
     * Refuses to resume from a source that is not the one the log describes: another size or sector size, or for a
     * drive another model or serial number.
     */
    static void requireSame(JsonNode logged, SourceDevice source, DeviceIdentity identity) {
        String kind = logged.path("kind").asText();
        if (!kind.equals(source.kind())) {
            throw ExhibitException.usage("source " + source.path() + " is a " + source.kind() + ", but the acquisition"
                    + " being resumed read a " + kind + " ("
                    + logged.path("path").asText() + "): not the same source;"
                    + " a resume never changes the kind of source");
        }
        long size = logged.path("sizeBytes").asLong(-1);
        int sector = logged.path("logicalSectorBytes").asInt(-1);
        if (size != source.sizeBytes() || sector != source.logicalSectorBytes()) {
            throw ExhibitException.usage("source " + source.path() + " has " + source.sizeBytes() + " bytes in "
                    + source.logicalSectorBytes() + "-byte sectors, but the acquisition being resumed read " + size
                    + " bytes in " + sector + "-byte sectors: not the same source");
        }
        JsonNode device = logged.path("device");
        if (identity != null && device.isObject()) {
            for (String field : new String[] {"model", "serial"}) {
                String was = device.path(field).asText(DeviceIdentity.UNKNOWN);
                String now = field.equals("model") ? identity.model() : identity.serial();
                if (!was.equals(DeviceIdentity.UNKNOWN) && !Objects.equals(was, now)) {
                    throw ExhibitException.usage("source " + source.path() + " has " + field + " '" + now
                            + "', but the acquisition being resumed read '" + was + "': not the same drive");
                }
            }
        }
    }

    /** Identifies a block device; a regular file has no identity. */
    static DeviceIdentity identify(SourceDevice source) throws IOException {
        return source.isBlockDevice() ? DeviceIdentity.probe(source.realPath()) : null;
    }
}

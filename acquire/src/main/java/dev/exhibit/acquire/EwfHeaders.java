package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.Invocation;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfHeader;
import dev.exhibit.image.ewf.EwfLayout;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What an E01 says about itself, taken from what the acquisition log says: the case fields, the drive's model and
 * serial number, when it was acquired, on which system and with which tool. A resume builds the same header from the
 * log's start and source records, so every segment of a set carries the same metadata.
 */
final class EwfHeaders {
    private EwfHeaders() {}

    /** The layout of an E01 of {@code source}; IllegalArgumentException names the option the format refuses. */
    static EwfLayout layout(EwfOptions options, SourceDevice source, DeviceIdentity identity) {
        boolean removable = identity != null && "true".equals(identity.removable());
        return options.layout(source.sizeBytes(), source.logicalSectorBytes(), removable);
    }

    static EwfHeader header(CaseFields c, DeviceIdentity identity, Invocation invocation) {
        return header(
                c,
                identity == null ? "" : identity.model(),
                identity == null ? "" : identity.serial(),
                invocation.started(),
                invocation.os(),
                toolVersion(invocation.version()));
    }

    /** The header the first run wrote, from the log's {@code start} and {@code source} records. */
    static EwfHeader header(JsonNode start, JsonNode source) {
        JsonNode inv = start.path("invocation");
        JsonNode device = source.path("device");
        return header(
                CaseFields.fromJson(start.path("case")),
                device.path("model").asText(""),
                device.path("serial").asText(""),
                Instant.parse(inv.path("started").asText()),
                inv.path("os").asText(""),
                toolVersion(inv.path("version").asText("")));
    }

    /**
     * Acquired and system dates are both when the acquisition started: the same in every run of it. The header holds
     * whole seconds; the log's microseconds would still change the set identifier, which is derived from the header.
     */
    private static EwfHeader header(
            CaseFields c, String model, String serial, Instant startedExactly, String os, String toolVersion) {
        Instant started = startedExactly.truncatedTo(ChronoUnit.SECONDS);
        return new EwfHeader(
                text(c.caseNumber()),
                text(c.evidenceNumber()),
                text(c.examiner()),
                text(c.description()),
                text(c.notes()),
                known(model),
                known(serial),
                started,
                started,
                os,
                toolVersion);
    }

    /** The E01 options the log's {@code start} record names. */
    static EwfOptions options(JsonNode startOptions) {
        JsonNode e = startOptions.path("e01");
        return new EwfOptions(
                EwfCompression.parse(e.path("compression").asText()),
                e.path("segmentBytes").asLong(),
                e.path("sectorsPerChunk").asInt());
    }

    /**
     * The version for the header's 11 characters (EnCase's limit): {@code 0.1.0} of {@code 0.1.0-SNAPSHOT}, rather than
     * a cut that ends mid-word. The tool, version and commit in full are in the log's start record.
     */
    static String toolVersion(String version) {
        int dash = version.indexOf('-');
        return version.length() > 11 && dash > 0 ? version.substring(0, dash) : version;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String known(String s) {
        return s == null || s.equals(DeviceIdentity.UNKNOWN) ? "" : s;
    }
}

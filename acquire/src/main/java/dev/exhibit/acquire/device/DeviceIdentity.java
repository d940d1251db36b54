package dev.exhibit.acquire.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Who the source drive is, as completely as the device lets us know: vendor, model, serial, firmware, transport,
 * sector sizes, size, removable media, and whether it hides sectors (HPA, DCO). A partition is described by its disk.
 * Strings are {@value #UNKNOWN} where nothing exposes them; {@code sources} says where each value came from
 * ({@code ata-identify}, {@code sysfs}, {@code scsi-vpd-80}, {@code udev}, {@code ioctl}), because a USB bridge can
 * report its own serial where the drive's IDENTIFY data give the drive's.
 *
 * @param disk the kernel name of the whole disk, e.g. {@code sdb}
 * @param removable {@code "true"}, {@code "false"} or {@value #UNKNOWN} (the kernel's removable-media flag)
 * @param rotational {@code "true"}, {@code "false"} (solid state: flash) or {@value #UNKNOWN}, the kernel's
 *     {@code queue/rotational} flag; meaningless for a loop device, which reports whatever it was set up with
 */
public record DeviceIdentity(
        String disk,
        String vendor,
        String model,
        String serial,
        String firmware,
        String transport,
        String removable,
        String rotational,
        int logicalSectorBytes,
        int physicalSectorBytes,
        long sizeBytes,
        HiddenArea hpa,
        HiddenArea dco,
        Map<String, String> sources) {

    public static final String UNKNOWN = "unknown";

    public DeviceIdentity {
        Objects.requireNonNull(hpa, "hpa");
        Objects.requireNonNull(dco, "dco");
        sources = Map.copyOf(sources);
    }

    /**
     * Identifies the device behind {@code node} (a disk or a partition). Sends only read-only commands; never writes.
     */
    public static DeviceIdentity probe(Path node) throws IOException {
        return DeviceProbe.probe(BlockDevice.of(node));
    }

    /** The acquisition log's {@code source.device} object, plus the disk name, sizes and value sources. */
    public ObjectNode deviceJson() {
        ObjectNode n = Jcs.object();
        n.put("vendor", vendor);
        n.put("model", model);
        n.put("serial", serial);
        n.put("firmware", firmware);
        n.put("transport", transport);
        n.put("removable", removable);
        n.put("rotational", rotational);
        n.put("disk", disk);
        n.put("sizeBytes", sizeBytes);
        n.put("logicalSectorBytes", logicalSectorBytes);
        n.put("physicalSectorBytes", physicalSectorBytes);
        ObjectNode from = n.putObject("sources");
        sources.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> from.put(e.getKey(), e.getValue()));
        return n;
    }

    /** {@code {"device": ..., "hpa": ..., "dco": ...}}: the identity fields of the log's {@code source} record. */
    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.set("device", deviceJson());
        n.set("hpa", hpa.toJson());
        n.set("dco", dco.toJson());
        return n;
    }
}

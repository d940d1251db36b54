package dev.exhibit.acquire.device;

import dev.exhibit.core.posix.NativeFd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers a {@link DeviceIdentity} from every source the kernel offers, best first: the drive's own ATA IDENTIFY data,
 * sysfs (SCSI INQUIRY, NVMe identify, VPD page 80h), the udev database, and the block-device ioctls.
 */
final class DeviceProbe {
    private DeviceProbe() {}

    static DeviceIdentity probe(BlockDevice device) throws IOException {
        BlockDevice disk = device.disk();
        UdevProperties udev = UdevProperties.of(disk);
        Map<String, String> sources = new LinkedHashMap<>();
        String transport = transport(disk, udev);
        sources.put("transport", udev.get("ID_BUS").filter(transport::equals).isPresent() ? "udev" : "sysfs");
        HiddenAreaProbe.Result hidden = hiddenAreas(disk, transport);
        AtaIdentify ata = hidden.identify();

        String vendor = pick(
                sources,
                "vendor",
                new Candidate("sysfs", disk.attribute("device/vendor")),
                new Candidate("udev", udev.get("ID_VENDOR_ENC")),
                new Candidate("udev", udev.get("ID_VENDOR")));
        String model = pick(
                sources,
                "model",
                new Candidate("ata-identify", ata == null ? Optional.empty() : Optional.of(ata.model())),
                new Candidate("sysfs", disk.attribute("device/model")),
                new Candidate("udev", udev.get("ID_MODEL_ENC")),
                new Candidate("udev", udev.get("ID_MODEL")));
        String serial = pick(
                sources,
                "serial",
                new Candidate("ata-identify", ata == null ? Optional.empty() : Optional.of(ata.serial())),
                new Candidate("sysfs", disk.attribute("device/serial")),
                new Candidate("scsi-vpd-80", vpdSerial(disk)),
                new Candidate("udev", udev.get("ID_SERIAL_SHORT")));
        String firmware = pick(
                sources,
                "firmware",
                new Candidate("ata-identify", ata == null ? Optional.empty() : Optional.of(ata.firmware())),
                new Candidate("sysfs", disk.attribute("device/firmware_rev")),
                new Candidate("sysfs", disk.attribute("device/rev")),
                new Candidate("udev", udev.get("ID_REVISION")));

        int logical;
        int physical;
        long size;
        try (NativeFd fd = NativeFd.open(disk.devNode(), NativeFd.O_RDONLY | NativeFd.O_NONBLOCK)) {
            logical = fd.ioctlGetInt(NativeFd.BLKSSZGET, "BLKSSZGET");
            physical = fd.ioctlGetInt(NativeFd.BLKPBSZGET, "BLKPBSZGET");
            size = fd.ioctlGetLong(NativeFd.BLKGETSIZE64, "BLKGETSIZE64");
        }
        sources.put("sectorSizes", "ioctl");
        sources.put("size", "ioctl");
        String removable = flag(disk.attribute("removable"));
        String rotational = flag(disk.attribute("queue/rotational"));
        return new DeviceIdentity(
                disk.name(),
                vendor,
                model,
                serial,
                firmware,
                transport,
                removable,
                rotational,
                logical,
                physical,
                size,
                hidden.hpa(),
                hidden.dco(),
                sources);
    }

    /** A sysfs 0/1 attribute as the log writes it. */
    private static String flag(Optional<String> value) {
        return value.map(v -> v.equals("1") ? "true" : v.equals("0") ? "false" : DeviceIdentity.UNKNOWN)
                .orElse(DeviceIdentity.UNKNOWN);
    }

    private static HiddenAreaProbe.Result hiddenAreas(BlockDevice disk, String transport) {
        return switch (transport) {
            case "nvme" -> notApplicable("NVMe drives have no HPA or DCO (namespace size only)");
            default -> HiddenAreaProbe.probe(disk);
        };
    }

    private static HiddenAreaProbe.Result notApplicable(String why) {
        HiddenArea na = HiddenArea.of(HiddenArea.State.NOT_APPLICABLE, why);
        return new HiddenAreaProbe.Result(na, na, null);
    }

    /** The bus, from the device's place in the sysfs tree (the udev ID_BUS when the tree says nothing clearer). */
    static String transport(BlockDevice disk, UdevProperties udev) throws IOException {
        String path = disk.sysPath().toRealPath().toString();
        if (path.contains("/usb")) {
            return "usb";
        }
        if (path.contains("/nvme")) {
            return "nvme";
        }
        if (path.contains("/ata")) {
            return "ata";
        }
        if (path.contains("/mmc")) {
            return "mmc";
        }
        if (path.contains("/virtio")) {
            return "virtio";
        }
        if (path.contains("/firewire") || path.contains("/fw")) {
            return "firewire";
        }
        if (path.startsWith("/sys/devices/virtual/block/loop")) {
            return "loop";
        }
        Optional<String> bus = udev.get("ID_BUS");
        if (bus.isPresent()) {
            return bus.get();
        }
        if (path.contains("/host") && path.contains("/target")) {
            return "scsi";
        }
        return path.startsWith("/sys/devices/virtual/") ? "virtual" : DeviceIdentity.UNKNOWN;
    }

    /** The unit serial number from SCSI VPD page 80h: a 4-byte header, then the serial in ASCII. */
    private static Optional<String> vpdSerial(BlockDevice disk) {
        return disk.binaryAttribute("device/vpd_pg80")
                .filter(b -> b.length > 4)
                .map(b -> new String(
                                b,
                                4,
                                Math.min(b.length - 4, (b[2] & 0xFF) << 8 | (b[3] & 0xFF)),
                                StandardCharsets.ISO_8859_1)
                        .strip());
    }

    private record Candidate(String source, Optional<String> value) {}

    private static String pick(Map<String, String> sources, String field, Candidate... candidates) {
        for (Candidate c : candidates) {
            if (c.value().isPresent() && !c.value().get().isBlank()) {
                sources.put(field, c.source());
                return c.value().get();
            }
        }
        sources.put(field, "none");
        return DeviceIdentity.UNKNOWN;
    }
}

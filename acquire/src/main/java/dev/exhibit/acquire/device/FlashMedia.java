package dev.exhibit.acquire.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a logged source may be flash media (a USB stick, an SD or MMC card, an SSD), whose controller remaps and
 * erases blocks on its own, so that two reads of it may legitimately differ. Decided from the device facts the
 * acquisition logged, so that a later {@code verify} says the same whatever is plugged in now. A regular file and a
 * loop device (which reads a file, whatever flags it was set up with) are never flash media here.
 */
public final class FlashMedia {
    /** Buses whose disks are, or are most often, flash: a USB hard disk is the exception, and cannot be told apart. */
    private static final Set<String> FLASH_TRANSPORTS = Set.of("usb", "mmc", "nvme", "memstick");
    /** Block devices that are not hardware, whose flags say nothing about a medium. */
    private static final Set<String> NOT_MEDIA = Set.of("loop", "virtual");

    private FlashMedia() {}

    /**
     * Why the source of an acquisition's {@code source} record may be flash media (e.g. {@code transport usb},
     * {@code removable media}, {@code not rotational: a solid-state drive}), or empty when nothing logged says so.
     */
    public static Optional<String> why(JsonNode loggedSource) {
        JsonNode device = loggedSource.path("device");
        if (!"block-device".equals(loggedSource.path("kind").asText()) || !device.isObject()) {
            return Optional.empty();
        }
        String transport = device.path("transport").asText(DeviceIdentity.UNKNOWN);
        if (NOT_MEDIA.contains(transport)) {
            return Optional.empty();
        }
        if (FLASH_TRANSPORTS.contains(transport)) {
            return Optional.of("transport " + transport);
        }
        if (device.path("removable").asText().equals("true")) {
            return Optional.of("removable media");
        }
        if (device.path("rotational").asText().equals("false")) {
            return Optional.of("not rotational: a solid-state drive");
        }
        return Optional.empty();
    }
}

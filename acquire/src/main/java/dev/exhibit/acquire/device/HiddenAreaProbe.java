package dev.exhibit.acquire.device;

import dev.exhibit.acquire.device.AtaPassThrough.Command;
import dev.exhibit.core.posix.NativeFd;
import java.io.IOException;
import java.util.Locale;

/**
 * Asks an ATA drive whether it hides sectors: IDENTIFY DEVICE for the user-addressable size, READ NATIVE MAX ADDRESS
 * (EXT) for the native size (HPA), DEVICE CONFIGURATION IDENTIFY for the factory size (DCO). Read-only commands only:
 * the areas are detected and reported, never removed.
 */
final class HiddenAreaProbe {

    /** The outcome for both areas, and the IDENTIFY data when the drive answered it. */
    record Result(HiddenArea hpa, HiddenArea dco, AtaIdentify identify) {
        static Result notChecked(String reason) {
            return new Result(HiddenArea.notChecked(reason), HiddenArea.notChecked(reason), null);
        }
    }

    private HiddenAreaProbe() {}

    static Result probe(BlockDevice disk) {
        try (NativeFd fd = NativeFd.open(disk.devNode(), NativeFd.O_RDONLY | NativeFd.O_NONBLOCK)) {
            return probe(fd);
        } catch (IOException e) {
            return Result.notChecked("cannot open " + disk.devNode() + ": " + e.getMessage());
        }
    }

    private static Result probe(NativeFd fd) {
        AtaIdentify id;
        try {
            id = new AtaIdentify(AtaPassThrough.readBlock(fd, Command.IDENTIFY_DEVICE));
        } catch (AtaPassThrough.Refused e) {
            return Result.notChecked(e.getMessage());
        }
        if (isBlank(id)) {
            return Result.notChecked("the bridge answered IDENTIFY DEVICE with zeros");
        }
        if ((id.word(255) & 0xFF) == 0xA5 && !id.checksumValid()) {
            return Result.notChecked("the IDENTIFY DEVICE data fail their checksum");
        }
        if (!id.isAta()) {
            return Result.notChecked("not an ATA device (IDENTIFY word 0 says ATAPI)");
        }
        long nativeSectors = -1;
        HiddenArea hpa;
        if (!id.supportsHpa()) {
            hpa = HiddenArea.of(
                    HiddenArea.State.NOT_SUPPORTED, "the drive does not support the Host Protected Area feature set");
        } else {
            try {
                nativeSectors = nativeSectors(fd, id);
                hpa = compare(id.userSectors(), nativeSectors, "user-addressable", "native (READ NATIVE MAX ADDRESS)");
            } catch (AtaPassThrough.Refused e) {
                hpa = HiddenArea.notChecked(e.getMessage());
            }
        }
        return new Result(hpa, dco(fd, id, nativeSectors), id);
    }

    private static long nativeSectors(NativeFd fd, AtaIdentify id) throws AtaPassThrough.Refused {
        if (id.supportsLba48()) {
            return AtaPassThrough.registers(fd, Command.READ_NATIVE_MAX_ADDRESS_EXT)
                            .lba()
                    + 1;
        }
        AtaPassThrough.Registers r = AtaPassThrough.registers(fd, Command.READ_NATIVE_MAX_ADDRESS);
        return ((r.lba() & 0xFFFFFF) | (long) (r.device() & 0x0F) << 24) + 1;
    }

    private static HiddenArea dco(NativeFd fd, AtaIdentify id, long nativeSectors) {
        if (!id.supportsDco()) {
            return HiddenArea.of(
                    HiddenArea.State.NOT_SUPPORTED,
                    "the drive does not support the Device Configuration Overlay feature set");
        }
        AtaIdentify dco;
        try {
            dco = new AtaIdentify(AtaPassThrough.readBlock(fd, Command.DCO_IDENTIFY));
        } catch (AtaPassThrough.Refused e) {
            return HiddenArea.notChecked(e.getMessage() + " (a frozen DCO also refuses it)");
        }
        if ((dco.word(255) & 0xFF) == 0xA5 && !dco.checksumValid()) {
            return HiddenArea.notChecked("the DEVICE CONFIGURATION IDENTIFY data fail their checksum");
        }
        // Words 3-6: the highest LBA the drive can have, the size a DCO RESTORE would give back.
        long factorySectors =
                ((long) dco.word(3) | (long) dco.word(4) << 16 | (long) dco.word(5) << 32 | (long) dco.word(6) << 48)
                        + 1;
        if (nativeSectors < 0) {
            return compare(id.userSectors(), factorySectors, "user-addressable (native size unknown)", "DCO maximum");
        }
        return compare(nativeSectors, factorySectors, "native", "DCO maximum");
    }

    /** Present when {@code full} exceeds {@code visible}; a smaller {@code full} is inconsistent and not trusted. */
    static HiddenArea compare(long visible, long full, String visibleName, String fullName) {
        if (full < visible) {
            return HiddenArea.notChecked(String.format(
                    Locale.ROOT, "inconsistent sizes: %s %d sectors but %s %d", visibleName, visible, fullName, full));
        }
        if (full == visible) {
            return new HiddenArea(
                    HiddenArea.State.ABSENT,
                    String.format(Locale.ROOT, "%s size equals %s size: %d sectors", visibleName, fullName, full),
                    visible,
                    full);
        }
        return new HiddenArea(
                HiddenArea.State.PRESENT,
                String.format(
                        Locale.ROOT,
                        "%d sectors hidden: sectors %d to %d lie beyond the %s size of %d sectors (%s size %d)",
                        full - visible,
                        visible,
                        full - 1,
                        visibleName,
                        visible,
                        fullName,
                        full),
                visible,
                full);
    }

    private static boolean isBlank(AtaIdentify id) {
        for (int i = 0; i < 256; i++) {
            if (id.word(i) != 0) {
                return false;
            }
        }
        return true;
    }
}

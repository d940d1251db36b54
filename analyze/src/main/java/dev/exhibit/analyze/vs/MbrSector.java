package dev.exhibit.analyze.vs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One sector of a DOS partition table as the disk holds it: the MBR (sector 0) or an extended boot record (EBR). Read
 * from evidence, so any bytes at all: a sector without the {@code 55 AA} signature at byte 510 is no table.
 *
 * @param diskSignature the 32-bit disk signature at byte 440 (meaningful in the MBR only; Windows ties volumes to
 *     it), unsigned
 * @param entries the four entries, empty ones included, in slot order
 */
record MbrSector(long diskSignature, List<Entry> entries) {
    static final int SECTOR_BYTES = 512;
    static final int SLOTS = 4;
    private static final int DISK_SIGNATURE_AT = 440;
    private static final int ENTRIES_AT = 446;
    private static final int ENTRY_BYTES = 16;
    private static final int SIGNATURE_AT = 510;
    private static final int BOOTABLE = 0x80;

    /**
     * One 16-byte entry.
     *
     * @param slot 0 to 3, the entry's position in its sector
     * @param bootable the boot indicator is 0x80
     * @param type the partition type byte (0x07 NTFS/exFAT, 0x83 Linux, 0x05 extended...)
     * @param startSector the first sector, relative to the table's base (unsigned 32-bit)
     * @param sectorCount the length in sectors (unsigned 32-bit)
     */
    record Entry(int slot, boolean bootable, int type, long startSector, long sectorCount) {
        /** The type byte as fdisk and mmls write it, {@code 0x0e}. */
        String typeHex() {
            return String.format(Locale.ROOT, "0x%02x", type);
        }
    }

    /** The table in {@code sector}, or empty when the bytes are too short or lack the boot signature. */
    static Optional<MbrSector> parse(byte[] sector) {
        if (sector.length < SECTOR_BYTES
                || (sector[SIGNATURE_AT] & 0xFF) != 0x55
                || (sector[SIGNATURE_AT + 1] & 0xFF) != 0xAA) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>(SLOTS);
        for (int slot = 0; slot < SLOTS; slot++) {
            int at = ENTRIES_AT + slot * ENTRY_BYTES;
            entries.add(new Entry(
                    slot,
                    (b.get(at) & 0xFF) == BOOTABLE,
                    b.get(at + 4) & 0xFF,
                    Integer.toUnsignedLong(b.getInt(at + 8)),
                    Integer.toUnsignedLong(b.getInt(at + 12))));
        }
        return Optional.of(new MbrSector(Integer.toUnsignedLong(b.getInt(DISK_SIGNATURE_AT)), List.copyOf(entries)));
    }

    /** The disk signature as fdisk prints it ({@code Disk identifier: 0x45584842}). */
    String diskSignatureHex() {
        return String.format(Locale.ROOT, "0x%08x", diskSignature);
    }
}

package dev.exhibit.analyze.vs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A GUID partition table's header and used entries as the disk holds them (UEFI 2.10, section 5.3), for the
 * identifiers an examiner cites and libtsk does not keep: the disk GUID, and per entry its number, type GUID and
 * unique partition GUID. Read from evidence, so the header's counts are bounded before anything is read.
 *
 * @param diskGuid the disk GUID, in the registry form ({@code 45584849-4249-5400-8000-000000000000})
 * @param entries the used entries (type GUID not zero), in table order
 */
record GptTable(String diskGuid, List<Entry> entries) {
    static final byte[] SIGNATURE = {'E', 'F', 'I', ' ', 'P', 'A', 'R', 'T'};
    static final int HEADER_MIN_BYTES = 92;
    static final int ENTRY_MIN_BYTES = 128;
    /** UEFI sizes entries as 128 × 2^n; beyond 4 KiB no implementation writes them. */
    static final int ENTRY_MAX_BYTES = 4096;
    /** The entry array read at most: 8 times the 16 KiB UEFI reserves, far above any real table. */
    static final int ARRAY_MAX_BYTES = 128 << 10;

    private static final int NAME_AT = 56;
    private static final int NAME_BYTES = 72;

    /**
     * One used entry.
     *
     * @param number the entry's number from 1 (the Linux partition number, {@code sda3} for entry 3)
     * @param typeGuid what the partition is for, e.g. {@code C12A7328-F81F-11D2-BA4B-00A0C93EC93B} (EFI System)
     * @param partitionGuid the partition's unique GUID
     * @param firstSector first LBA
     * @param lastSector last LBA, inclusive
     * @param attributes the 64 attribute bits (0 required, 2 legacy BIOS bootable, 60 to 63 Microsoft's
     *     read-only, shadow copy, hidden, no drive letter)
     */
    record Entry(
            int number, String typeGuid, String partitionGuid, long firstSector, long lastSector, long attributes) {
        String attributesHex() {
            return String.format(Locale.ROOT, "0x%016x", attributes);
        }
    }

    /**
     * Where the header says the entry array is.
     *
     * @param entriesSector the entry array's first LBA
     * @param count the number of entries
     * @param entryBytes the size of each entry
     */
    record Header(String diskGuid, long entriesSector, int count, int entryBytes) {
        /** Bytes of the entry array. */
        int arrayBytes() {
            return count * entryBytes;
        }
    }

    /** The header in the sector at LBA 1, or empty when the signature or the sizes are wrong. */
    static Optional<Header> header(byte[] sector) {
        if (sector.length < HEADER_MIN_BYTES || !startsWithSignature(sector)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        long entriesSector = b.getLong(72);
        long count = Integer.toUnsignedLong(b.getInt(80));
        long entryBytes = Integer.toUnsignedLong(b.getInt(84));
        if (entryBytes < ENTRY_MIN_BYTES
                || entryBytes > ENTRY_MAX_BYTES
                || entryBytes % 8 != 0
                || count == 0
                || count * entryBytes > ARRAY_MAX_BYTES
                || entriesSector < 2) {
            return Optional.empty();
        }
        return Optional.of(new Header(guid(sector, 56), entriesSector, (int) count, (int) entryBytes));
    }

    /** The used entries of {@code array} (as much of the entry array as could be read). */
    static GptTable parse(Header header, byte[] array) {
        ByteBuffer b = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < header.count(); i++) {
            int at = i * header.entryBytes();
            if (at + NAME_AT + NAME_BYTES > array.length) {
                break;
            }
            if (zero(array, at, 16)) {
                continue;
            }
            entries.add(new Entry(
                    i + 1,
                    guid(array, at),
                    guid(array, at + 16),
                    b.getLong(at + 32),
                    b.getLong(at + 40),
                    b.getLong(at + 48)));
        }
        return new GptTable(header.diskGuid(), List.copyOf(entries));
    }

    /**
     * A GUID in its registry form: the first three fields are stored little-endian, the last two as bytes, so {@code
     * 28 73 2A C1 1F F8 D2 11 BA 4B 00 A0 C9 3E C9 3B} reads {@code C12A7328-F81F-11D2-BA4B-00A0C93EC93B}.
     */
    static String guid(byte[] b, int at) {
        HexFormat hex = HexFormat.of().withUpperCase();
        byte[] ordered = {
            b[at + 3], b[at + 2], b[at + 1], b[at], b[at + 5], b[at + 4], b[at + 7], b[at + 6],
            b[at + 8], b[at + 9], b[at + 10], b[at + 11], b[at + 12], b[at + 13], b[at + 14], b[at + 15]
        };
        String h = hex.formatHex(ordered);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static boolean startsWithSignature(byte[] sector) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sector[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(byte[] b, int at, int n) {
        for (int i = at; i < at + n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

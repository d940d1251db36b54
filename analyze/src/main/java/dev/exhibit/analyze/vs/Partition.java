package dev.exhibit.analyze.vs;

import dev.exhibit.analyze.tsk.Layouts;
import dev.exhibit.analyze.tsk.Mem;

/**
 * One entry of a partition table as libtsk lists it ({@code TSK_VS_PART_INFO}), copied out of native memory.
 *
 * @param address libtsk's index of the entry in the volume system (the first column of {@code mmls})
 * @param tableNumber the table holding the entry, -1 when not given (GPT, gaps)
 * @param slotNumber the entry's slot in its table, -1 when not given
 * @param flags {@code TSK_VS_PART_FLAG_ENUM}: 1 allocated, 2 unallocated, 4 metadata
 * @param startSector first sector, in units of {@code sectorSizeBytes}
 * @param lengthSectors length in sectors
 * @param description the raw bytes of libtsk's description (a GPT partition name comes from the disk)
 * @param sectorSizeBytes the volume system's block size
 * @param name Exhibit's name for the partition ({@code p2}, see {@link PartitionNames}), {@code null} for unallocated
 *     space and table metadata
 * @param identity what the table's own bytes say about it, {@code null} when they could not be read
 */
public record Partition(
        long address,
        int tableNumber,
        int slotNumber,
        int flags,
        long startSector,
        long lengthSectors,
        byte[] description,
        int sectorSizeBytes,
        String name,
        PartitionIdentity identity) {
    public static final int FLAG_ALLOC = 1;
    public static final int FLAG_UNALLOC = 2;
    public static final int FLAG_META = 4;

    static Partition read(long part, int sectorSizeBytes) {
        return new Partition(
                Integer.toUnsignedLong(Mem.i32(part + Layouts.PART_ADDR)),
                Mem.i8(part + Layouts.PART_TABLE_NUM),
                Mem.i8(part + Layouts.PART_SLOT_NUM),
                Mem.i32(part + Layouts.PART_FLAGS),
                Mem.i64(part + Layouts.PART_START),
                Mem.i64(part + Layouts.PART_LEN),
                Mem.cString(Mem.ptr(part + Layouts.PART_DESC)),
                sectorSizeBytes,
                null,
                null);
    }

    Partition identified(String name, PartitionIdentity identity) {
        return new Partition(
                address,
                tableNumber,
                slotNumber,
                flags,
                startSector,
                lengthSectors,
                description,
                sectorSizeBytes,
                name,
                identity);
    }

    /** Last sector, inclusive, as {@code mmls} prints it. */
    public long endSector() {
        return startSector + lengthSectors - 1;
    }

    public long byteOffset() {
        return startSector * sectorSizeBytes;
    }

    public boolean allocated() {
        return (flags & FLAG_META) == 0 && (flags & FLAG_ALLOC) != 0;
    }

    /** {@code partition} (allocated), {@code table} (partition-table metadata) or {@code unallocated} (a gap). */
    public String kind() {
        if ((flags & FLAG_META) != 0) {
            return "table";
        }
        return (flags & FLAG_ALLOC) != 0 ? "partition" : "unallocated";
    }

    /** The slot column of {@code mmls}: {@code Meta}, {@code -------}, {@code 003} (GPT) or {@code 000:001} (DOS). */
    public String slot() {
        if ((flags & FLAG_META) != 0) {
            return "Meta";
        }
        if (slotNumber == -1) {
            return "-------";
        }
        if (tableNumber == -1) {
            return "%03d".formatted(slotNumber);
        }
        return "%03d:%03d".formatted(tableNumber, slotNumber);
    }
}

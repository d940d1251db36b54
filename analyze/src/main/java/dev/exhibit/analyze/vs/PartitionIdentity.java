package dev.exhibit.analyze.vs;

/**
 * What the partition table itself records about a partition beyond libtsk's start, length and description: the
 * identifiers an examiner cites, read from the table's own bytes.
 */
public sealed interface PartitionIdentity {
    /**
     * A GPT entry.
     *
     * @param entry the entry's number from 1, as UEFI, fdisk and Linux ({@code sda2}) number it
     * @param typeGuid what the partition is for
     * @param typeName the type's name as fdisk gives it, or {@code null} for a type Exhibit does not name
     * @param partitionGuid the unique partition GUID (Windows and Linux mount by it)
     * @param attributes the 64 attribute bits in hex
     */
    record Gpt(int entry, String typeGuid, String typeName, String partitionGuid, String attributes)
            implements PartitionIdentity {}

    /**
     * A DOS/MBR entry, in the MBR or in an extended boot record.
     *
     * @param table 0 for the MBR, N for the Nth extended boot record of the chain (mmls's {@code N:} in the slot)
     * @param tableSector where that table lies, in sectors of the image
     * @param entry the entry's number in its table from 1
     * @param type the partition type byte, {@code 0x07}
     * @param bootable whether the boot indicator is set (0x80)
     */
    record Mbr(int table, long tableSector, int entry, String type, boolean bootable) implements PartitionIdentity {}
}

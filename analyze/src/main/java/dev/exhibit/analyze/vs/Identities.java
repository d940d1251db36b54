package dev.exhibit.analyze.vs;

import dev.exhibit.analyze.img.Image;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the partition table's own bytes for what libtsk does not keep (GPT entry numbers and GUIDs, MBR type bytes
 * and boot flags, the disk GUID or signature) and gives every partition Exhibit's name for it (see {@link
 * PartitionNames}). A table libtsk read but whose bytes do not parse here (damaged, or an unusual layout) keeps
 * libtsk's view without identities.
 */
final class Identities {
    /**
     * @param diskGuid the GPT disk GUID, or {@code null}
     * @param diskSignature the MBR disk signature ({@code 0x45584842}), or {@code null}
     * @param partitions libtsk's partitions, each with its identity and name
     */
    record Result(String diskGuid, String diskSignature, List<Partition> partitions) {}

    private Identities() {}

    static Result read(Image image, String vsType, long byteOffset, int sectorBytes, List<Partition> parts) {
        Map<Long, PartitionIdentity> byAddress = new HashMap<>();
        String diskGuid = null;
        String diskSignature = null;
        if (vsType.equals("gpt")) {
            Optional<GptTable> gpt = gpt(image, byteOffset, sectorBytes);
            if (gpt.isPresent()) {
                diskGuid = gpt.get().diskGuid();
                for (Partition p : parts) {
                    match(gpt.get(), p).ifPresent(e -> byAddress.put(p.address(), e));
                }
            }
        } else if (vsType.equals("dos")) {
            Optional<MbrSector> mbr = MbrSector.parse(image.read(byteOffset, MbrSector.SECTOR_BYTES));
            if (mbr.isPresent()) {
                diskSignature = mbr.get().diskSignatureHex();
                dos(image, byteOffset, sectorBytes, mbr.get(), parts, byAddress);
            }
        }
        List<Partition> out = new ArrayList<>(parts.size());
        Map<Long, String> names = PartitionNames.assign(vsType, parts, byAddress);
        for (Partition p : parts) {
            out.add(p.identified(names.get(p.address()), byAddress.get(p.address())));
        }
        return new Result(diskGuid, diskSignature, List.copyOf(out));
    }

    private static Optional<GptTable> gpt(Image image, long byteOffset, int sectorBytes) {
        Optional<GptTable.Header> header = GptTable.header(image.read(byteOffset + sectorBytes, sectorBytes));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        long at = byteOffset + header.get().entriesSector() * sectorBytes;
        return Optional.of(
                GptTable.parse(header.get(), image.read(at, header.get().arrayBytes())));
    }

    /** The entry libtsk listed as {@code p}: the one at its slot if it starts and ends there, else any that does. */
    private static Optional<PartitionIdentity> match(GptTable gpt, Partition p) {
        if (!p.allocated()) {
            return Optional.empty();
        }
        GptTable.Entry found = null;
        for (GptTable.Entry e : gpt.entries()) {
            if (e.firstSector() == p.startSector() && e.lastSector() == p.endSector()) {
                if (found == null || e.number() == p.slotNumber() + 1) {
                    found = e;
                }
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new PartitionIdentity.Gpt(
                found.number(),
                found.typeGuid(),
                GptTypes.name(found.typeGuid()),
                found.partitionGuid(),
                found.attributesHex()));
    }

    /**
     * The MBR's entries are table 0; libtsk lists each extended boot record it followed as a metadata entry of table
     * N ({@code Extended Table (#N)}) at the record's sector, and its entries as table N.
     */
    private static void dos(
            Image image,
            long byteOffset,
            int sectorBytes,
            MbrSector mbr,
            List<Partition> parts,
            Map<Long, PartitionIdentity> byAddress) {
        Map<Integer, Long> tableSectors = new HashMap<>();
        tableSectors.put(0, 0L);
        for (Partition p : parts) {
            if (p.tableNumber() > 0 && p.slotNumber() == -1 && (p.flags() & Partition.FLAG_META) != 0) {
                tableSectors.putIfAbsent(p.tableNumber(), p.startSector());
            }
        }
        Map<Integer, Optional<MbrSector>> tables = new HashMap<>();
        tables.put(0, Optional.of(mbr));
        for (Partition p : parts) {
            Long sector = tableSectors.get(p.tableNumber());
            if (sector == null || p.slotNumber() < 0 || p.slotNumber() >= MbrSector.SLOTS) {
                continue;
            }
            Optional<MbrSector> table = tables.computeIfAbsent(
                    p.tableNumber(),
                    t -> MbrSector.parse(image.read(byteOffset + sector * sectorBytes, MbrSector.SECTOR_BYTES)));
            table.ifPresent(t -> {
                MbrSector.Entry e = t.entries().get(p.slotNumber());
                byAddress.put(
                        p.address(),
                        new PartitionIdentity.Mbr(p.tableNumber(), sector, e.slot() + 1, e.typeHex(), e.bootable()));
            });
        }
    }
}

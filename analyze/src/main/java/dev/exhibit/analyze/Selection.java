package dev.exhibit.analyze;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.vs.Partition;
import dev.exhibit.analyze.vs.VolumeSystem;
import dev.exhibit.core.ExhibitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which file systems of an image a command works on: the one at {@code --offset} (sectors, as {@code fls -o}), the
 * one in {@code --partition} (a name as Exhibit prints it: {@code p2}), or every allocated partition, or offset 0
 * when the image has no partition table.
 *
 * @param partition a partition name, or {@code null}
 * @param offsetSectors a sector offset in units of the image's sector size, or {@code null}
 */
public record Selection(String partition, Long offsetSectors) {
    public static final Selection ALL = new Selection(null, null);

    public Selection {
        if (partition != null && offsetSectors != null) {
            throw ExhibitException.usage("give --partition or --offset, not both");
        }
        if (offsetSectors != null && offsetSectors < 0) {
            throw ExhibitException.usage("--offset " + offsetSectors + " is negative");
        }
        partition = partition == null ? null : partition.strip().toLowerCase(Locale.ROOT);
    }

    public boolean single() {
        return partition != null || offsetSectors != null;
    }

    /**
     * Whether a file system that cannot be opened ends the command: one the user chose, or the only one of an image
     * without a partition table. In a partitioned image the others are still analysed.
     */
    public boolean required(List<Target> targets) {
        return single() || (targets.size() == 1 && targets.getFirst().partition() == null);
    }

    /** The targets in the image, in volume-system order; the volume system, if any, is closed again. */
    public List<Target> resolve(Image image) {
        if (image.sizeBytes() == 0) {
            throw ExhibitException.evidence(
                    image.path() + ": the image is empty (0 bytes of media): nothing to analyse");
        }
        if (offsetSectors != null) {
            long byteOffset = Math.multiplyExact(offsetSectors, image.sectorSizeBytes());
            if (byteOffset >= image.sizeBytes()) {
                throw ExhibitException.usage("--offset " + offsetSectors + " is past the end of " + image.path() + " ("
                        + image.sizeBytes() / image.sectorSizeBytes() + " sectors of " + image.sectorSizeBytes()
                        + " bytes)");
            }
            return List.of(new Target(0, null, byteOffset, "/"));
        }
        List<Partition> all = new ArrayList<>();
        Optional<VolumeSystem> found = VolumeSystem.open(image, 0);
        if (found.isPresent()) {
            try (VolumeSystem vs = found.get()) {
                all.addAll(vs.partitions());
            }
        }
        List<Partition> allocated = all.stream().filter(Partition::allocated).toList();
        if (partition != null) {
            Partition p = allocated.stream()
                    .filter(x -> partition.equals(x.name()))
                    .findFirst()
                    .orElseThrow(() -> notAPartition(image, all, allocated));
            return List.of(new Target(0, p, p.byteOffset(), "/"));
        }
        if (found.isEmpty()) {
            return List.of(new Target(0, null, 0, "/"));
        }
        List<Target> out = new ArrayList<>();
        for (Partition p : allocated) {
            out.add(new Target(out.size(), p, p.byteOffset(), "vol" + p.address() + "/"));
        }
        return out;
    }

    /** A usage error saying why {@code --partition} does not name a file system's partition, and which ones do. */
    private ExhibitException notAPartition(Image image, List<Partition> all, List<Partition> allocated) {
        if (all.isEmpty()) {
            return ExhibitException.usage(image.path() + " has no partition table, so no partition " + partition
                    + ": its file system starts at byte offset 0; leave out --partition");
        }
        String why;
        Optional<Partition> named =
                all.stream().filter(x -> partition.equals(x.name())).findFirst();
        if (named.isPresent()) {
            why = "partition " + partition + " is an extended partition (it holds partition tables, not a file system)";
        } else if (partition.matches("\\d{1,9}")) {
            long address = Long.parseLong(partition);
            why = "--partition takes a name as exhibit analyze prints it, not a number"
                    + all.stream()
                            .filter(x -> x.address() == address)
                            .findFirst()
                            .map(x -> " (mmls's entry " + String.format(Locale.ROOT, "%03d", address) + " is "
                                    + (x.name() != null ? "partition " + x.name() : describe(x)) + ")")
                            .orElse("");
        } else {
            why = "it has no partition " + partition;
        }
        return ExhibitException.usage(image.path() + ": " + why + "; choose one of " + choices(allocated));
    }

    /** {@code p1 (sector 2048, EFI system), p2 (sector 12288, Linux data)}: the partitions a command can take. */
    static String choices(List<Partition> allocated) {
        if (allocated.isEmpty()) {
            return "none: the partition table lists no allocated partition (use --offset SECTORS)";
        }
        return allocated.stream()
                .map(p -> p.name() + " (sector " + p.startSector() + ", " + Display.of(p.description()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String describe(Partition p) {
        return switch (p.kind()) {
            case "table" -> "partition-table metadata (" + Display.of(p.description()) + ")";
            case "unallocated" -> "unallocated space";
            default -> "a partition without a name";
        };
    }
}

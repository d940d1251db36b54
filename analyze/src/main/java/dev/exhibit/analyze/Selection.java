package dev.exhibit.analyze;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.vs.Partition;
import dev.exhibit.analyze.vs.VolumeSystem;
import dev.exhibit.core.ExhibitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which file systems of an image a command works on: the one at {@code --offset} (sectors, as {@code fls -o}), the
 * one in {@code --partition} (an address as {@code mmls} numbers it), or every allocated partition, or offset 0 when
 * the image has no partition table.
 *
 * @param partition a partition address, or {@code null}
 * @param offsetSectors a sector offset in units of the image's sector size, or {@code null}
 */
public record Selection(Long partition, Long offsetSectors) {
    public static final Selection ALL = new Selection(null, null);

    public Selection {
        if (partition != null && offsetSectors != null) {
            throw ExhibitException.usage("give --partition or --offset, not both");
        }
        if (offsetSectors != null && offsetSectors < 0) {
            throw ExhibitException.usage("--offset " + offsetSectors + " is negative");
        }
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
        List<Partition> allocated = new ArrayList<>();
        List<Partition> all = new ArrayList<>();
        Optional<VolumeSystem> found = VolumeSystem.open(image, 0);
        if (found.isPresent()) {
            try (VolumeSystem vs = found.get()) {
                all.addAll(vs.partitions());
                vs.partitions().stream().filter(Partition::allocated).forEach(allocated::add);
            }
        }
        if (partition != null) {
            Partition p = all.stream()
                    .filter(x -> x.address() == partition)
                    .findFirst()
                    .orElseThrow(() -> ExhibitException.usage(image.path() + " has no partition " + partition
                            + (all.isEmpty()
                                    ? " (no partition table)"
                                    : " (see exhibit analyze " + image.path() + ")")));
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
}

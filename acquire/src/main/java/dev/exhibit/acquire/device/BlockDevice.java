package dev.exhibit.acquire.device;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A block device as the kernel describes it in sysfs: its name, device number, whether it is a partition, its disk,
 * partitions and holders. Found from any node that names it (/dev/sdb, /dev/disk/by-id/..., a node made with mknod)
 * by the node's device number, not by its file name.
 */
public final class BlockDevice {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private final Path node;
    private final String name;
    private final int major;
    private final int minor;
    private final Path sysPath;

    private BlockDevice(Path node, String name, int major, int minor, Path sysPath) {
        this.node = node;
        this.name = name;
        this.major = major;
        this.minor = minor;
        this.sysPath = sysPath;
    }

    /**
     * The block device {@code node} refers to.
     *
     * @throws ExhibitException (USAGE) if {@code node} is not a block device
     */
    public static BlockDevice of(Path node) throws IOException {
        int mode = (Integer) Files.getAttribute(node, "unix:mode");
        if ((mode & S_IFMT) != S_IFBLK) {
            throw ExhibitException.usage(node + " is not a block device");
        }
        long rdev = (Long) Files.getAttribute(node, "unix:rdev");
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        Path sys;
        try {
            sys = Path.of("/sys/dev/block", major + ":" + minor).toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(
                    node.toString(),
                    null,
                    "no block device " + major + ":" + minor + " in /sys/dev/block (the device is gone)");
        }
        return new BlockDevice(node, sys.getFileName().toString(), major, minor, sys);
    }

    /** The device named {@code name} under /sys/class/block, with its /dev node. */
    static BlockDevice named(String name) throws IOException {
        return of(Path.of("/dev", name));
    }

    /** The node this device was found from, as given. */
    public Path node() {
        return node;
    }

    /** The kernel's name, e.g. {@code sdb1}. */
    public String name() {
        return name;
    }

    /** {@code /dev/NAME}, the kernel's own node for this device. */
    public Path devNode() {
        return Path.of("/dev", name);
    }

    /** {@code MAJOR:MINOR}, as /proc/self/mountinfo and /sys/dev/block write it. */
    public String devNumber() {
        return major + ":" + minor;
    }

    public Path sysPath() {
        return sysPath;
    }

    public boolean isPartition() {
        return Files.exists(sysPath.resolve("partition"));
    }

    /** The whole disk: this device, or the disk a partition belongs to. */
    public BlockDevice disk() throws IOException {
        if (!isPartition()) {
            return this;
        }
        return named(sysPath.getParent().getFileName().toString());
    }

    /** The partitions of this disk in partition-number order (none for a partition). */
    public List<BlockDevice> partitions() throws IOException {
        if (isPartition()) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(sysPath)) {
            dirs = entries.filter(p -> Files.exists(p.resolve("partition")))
                    .sorted(Comparator.comparingLong(BlockDevice::partitionNumber))
                    .toList();
        }
        List<BlockDevice> parts = new java.util.ArrayList<>();
        for (Path dir : dirs) {
            parts.add(named(dir.getFileName().toString()));
        }
        return parts;
    }

    private static long partitionNumber(Path sysPartition) {
        try {
            return Long.parseLong(
                    Files.readString(sysPartition.resolve("partition")).strip());
        } catch (IOException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The devices stacked on this one (device-mapper, md RAID, bcache...), by kernel name. */
    public List<String> holders() throws IOException {
        Path holders = sysPath.resolve("holders");
        if (!Files.isDirectory(holders)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(holders)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A sysfs attribute of this device ({@code ro}, {@code queue/logical_block_size}, {@code device/model}...). */
    public Optional<String> attribute(String relative) {
        try {
            return Optional.of(Files.readString(sysPath.resolve(relative)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A binary sysfs attribute such as {@code device/vpd_pg80}. */
    Optional<byte[]> binaryAttribute(String relative) {
        try {
            return Optional.of(Files.readAllBytes(sysPath.resolve(relative)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return devNode().toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockDevice b && b.major == major && b.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }
}

package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a source may be acquired: every device node that overlaps it has the kernel read-only flag set, and
 * none is mounted, swapped on, held by device-mapper or md, or backing a loop device. For a whole disk that is the disk
 * and all its partitions; for a partition, the partition and its disk.
 */
public final class WriteBlockCheck {
    /** The software write-blocking method this check verifies. */
    public static final String METHOD = "kernel-read-only-flag";

    private WriteBlockCheck() {}

    /** The write-block state of {@code device}, whatever it is; never refuses. */
    public static WriteBlockStatus inspect(Path device) throws IOException {
        BlockDevice source = BlockDevice.of(device);
        List<BlockDevice> nodes = overlapping(source);
        List<WriteBlockStatus.NodeState> states = new ArrayList<>();
        for (BlockDevice node : nodes) {
            states.add(new WriteBlockStatus.NodeState(
                    node.devNode().toString(), node.devNumber(), ReadOnlyFlag.get(node), ReadOnlyFlag.sysfs(node)));
        }
        return new WriteBlockStatus(
                device.toString(),
                source.disk().devNode().toString(),
                METHOD,
                states,
                DeviceUsage.of(nodes),
                Instant.now());
    }

    /**
     * The write-block state of {@code device}, if it is write-blocked and unused.
     *
     * @throws WriteBlockException (USAGE) naming the device, and the node and mount point at fault
     */
    public static WriteBlockStatus require(Path device) throws IOException {
        WriteBlockStatus status = inspect(device);
        if (status.blocked()) {
            return status;
        }
        List<String> hints = new ArrayList<>();
        if (!status.readOnly()) {
            hints.add("run 'exhibit writeblock " + status.disk() + "'");
        }
        if (!status.uses().isEmpty()) {
            hints.add("unmount or deactivate what uses it");
        }
        hints.add("or pass --no-writeblock-check to acquire anyway");
        throw new WriteBlockException(
                device + " is not write-blocked: " + String.join("; ", status.problems()) + " ("
                        + String.join(", ", hints) + ")",
                status);
    }

    /** A cheap re-check of a status taken before, for use while the acquisition runs. */
    public static WriteBlockWatch watch(WriteBlockStatus status) {
        return new WriteBlockWatch(status);
    }

    /** The disk and all its partitions for a disk; the disk and the partition for a partition. */
    static List<BlockDevice> overlapping(BlockDevice source) throws IOException {
        BlockDevice disk = source.disk();
        List<BlockDevice> nodes = new ArrayList<>();
        nodes.add(disk);
        if (source.isPartition()) {
            nodes.add(source);
        } else {
            nodes.addAll(disk.partitions());
        }
        return nodes;
    }
}

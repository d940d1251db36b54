package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets and clears the kernel read-only flag on a whole disk: the disk and every partition of it, whichever of them is
 * named (writes to the disk would change its partitions). Both return the whole disk's status. Needs CAP_SYS_ADMIN.
 */
public final class WriteBlocker {
    private WriteBlocker() {}

    /**
     * Makes the disk of {@code device} and all its partitions read-only, then checks that the flag holds.
     *
     * @throws ExhibitException (ENVIRONMENT) if the kernel does not keep the flag on a node
     */
    public static WriteBlockStatus apply(Path device) throws IOException {
        Path disk = set(device, true);
        WriteBlockStatus status = WriteBlockCheck.inspect(disk);
        List<String> off = new ArrayList<>();
        for (WriteBlockStatus.NodeState n : status.nodes()) {
            if (!n.readOnly() || !n.sysfsReadOnly()) {
                off.add(n.node());
            }
        }
        if (!off.isEmpty()) {
            throw new ExhibitException(
                    ExhibitException.Kind.ENVIRONMENT,
                    "the kernel did not keep the read-only flag on " + String.join(", ", off));
        }
        return status;
    }

    /** Clears the read-only flag on the disk of {@code device} and all its partitions (for a destination disk). */
    public static WriteBlockStatus release(Path device) throws IOException {
        return WriteBlockCheck.inspect(set(device, false));
    }

    /** Sets the flag on the disk of {@code device} and its partitions; returns the disk's node. */
    private static Path set(Path device, boolean readOnly) throws IOException {
        BlockDevice disk = BlockDevice.of(device).disk();
        ReadOnlyFlag.set(disk, readOnly);
        for (BlockDevice part : disk.partitions()) {
            ReadOnlyFlag.set(part, readOnly);
        }
        return disk.devNode();
    }
}

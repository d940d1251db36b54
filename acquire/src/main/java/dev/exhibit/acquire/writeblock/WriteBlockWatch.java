package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-checks, during an acquisition, what {@link WriteBlockCheck} found at its start: that every node still has the
 * read-only flag (older kernels reset it when they revalidate a drive, e.g. after a bad sector) and none has been
 * mounted since. One call reads a sysfs file per node and /proc/self/mountinfo, well under a millisecond: cheap enough
 * for every hash window.
 */
public final class WriteBlockWatch {
    private final List<WriteBlockStatus.NodeState> nodes;

    WriteBlockWatch(WriteBlockStatus status) {
        this.nodes = status.nodes();
    }

    /** What changed since the check, one line each; empty while the device stays write-blocked. */
    public List<String> check() throws IOException {
        List<String> lapses = new ArrayList<>();
        for (WriteBlockStatus.NodeState n : nodes) {
            Path ro = Path.of("/sys/dev/block", n.devNumber(), "ro");
            try {
                if (!Files.readString(ro).strip().equals("1")) {
                    lapses.add("the kernel read-only flag of " + n.node() + " was reset");
                }
            } catch (NoSuchFileException e) {
                lapses.add(n.node() + " is gone (device " + n.devNumber() + " was removed)");
            }
        }
        String mountinfo = Mountinfo.text();
        // Parsing is the costly part; most calls find no node's number in the text and skip it.
        if (nodes.stream().anyMatch(n -> mountinfo.contains(" " + n.devNumber() + " "))) {
            for (Mountinfo.Mount m : Mountinfo.parse(mountinfo)) {
                for (WriteBlockStatus.NodeState n : nodes) {
                    if (m.devNumber().equals(n.devNumber())) {
                        lapses.add(n.node() + " was mounted at " + m.mountPoint());
                    }
                }
            }
        }
        return lapses;
    }

    /** Sets the read-only flag again on every node that lost it; returns those nodes. */
    public List<String> restore() throws IOException {
        List<String> restored = new ArrayList<>();
        for (WriteBlockStatus.NodeState n : nodes) {
            Path ro = Path.of("/sys/dev/block", n.devNumber(), "ro");
            if (Files.exists(ro) && !Files.readString(ro).strip().equals("1")) {
                ReadOnlyFlag.set(BlockDevice.of(Path.of(n.node())), true);
                restored.add(n.node());
            }
        }
        return restored;
    }
}

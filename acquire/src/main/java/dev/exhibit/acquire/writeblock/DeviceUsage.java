package dev.exhibit.acquire.writeblock;

import dev.exhibit.acquire.device.BlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who uses a block device in a way that can write to it behind the read-only flag's back: a mounted file system (the
 * kernel lets an already mounted file system keep writing after BLKROSET), active swap, a device stacked on it
 * (device-mapper, md RAID), or a loop device backed by it.
 */
final class DeviceUsage {
    private static final Path PROC_SWAPS = Path.of("/proc/swaps");

    private DeviceUsage() {}

    static List<WriteBlockStatus.Use> of(List<BlockDevice> nodes) throws IOException {
        List<WriteBlockStatus.Use> uses = new ArrayList<>();
        List<Mountinfo.Mount> mounts = Mountinfo.read();
        List<Optional<String>> sourceDevs =
                mounts.stream().map(m -> devNumberOf(m.source())).toList();
        List<String> swaps = swapPartitions();
        List<Path> loops = loopBackings();
        for (BlockDevice node : nodes) {
            String dev = node.devNumber();
            for (int i = 0; i < mounts.size(); i++) {
                Mountinfo.Mount m = mounts.get(i);
                if (m.devNumber().equals(dev) || dev.equals(sourceDevs.get(i).orElse(null))) {
                    uses.add(new WriteBlockStatus.Use(
                            node.devNode().toString(), "mounted", m.mountPoint(), m.fsType() + " " + m.options()));
                }
            }
            for (String swap : swaps) {
                if (dev.equals(devNumberOf(swap).orElse(null))) {
                    uses.add(new WriteBlockStatus.Use(node.devNode().toString(), "swap", swap, "active swap"));
                }
            }
            for (String holder : node.holders()) {
                uses.add(new WriteBlockStatus.Use(
                        node.devNode().toString(), "holder", "/dev/" + holder, holderKind(holder)));
            }
            for (Path loop : loops) {
                String backing = Files.readString(loop).strip();
                if (dev.equals(devNumberOf(backing).orElse(null))) {
                    String name = loop.getParent().getParent().getFileName().toString();
                    uses.add(new WriteBlockStatus.Use(
                            node.devNode().toString(), "loop", "/dev/" + name, "loop device backed by it"));
                }
            }
        }
        return uses;
    }

    /** The partitions in /proc/swaps (swap files live on mounted file systems, which the mount check covers). */
    private static List<String> swapPartitions() throws IOException {
        List<String> swaps = new ArrayList<>();
        if (!Files.exists(PROC_SWAPS)) {
            return swaps;
        }
        List<String> lines = Files.readAllLines(PROC_SWAPS, StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[1].equals("partition")) {
                swaps.add(Mountinfo.unescape(f[0]));
            }
        }
        return swaps;
    }

    private static List<Path> loopBackings() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> blocks = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
            for (Path b : blocks) {
                Path backing = b.resolve("loop/backing_file");
                if (Files.exists(backing)) {
                    files.add(backing);
                }
            }
        }
        return files;
    }

    /** {@code MAJOR:MINOR} of a block-device path, if {@code path} is one. */
    private static Optional<String> devNumberOf(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(BlockDevice.of(Path.of(path)).devNumber());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a block device, or gone
        }
    }

    private static String holderKind(String holder) {
        Path sys = Path.of("/sys/block", holder);
        try {
            if (Files.exists(sys.resolve("dm/name"))) {
                return "device-mapper "
                        + Files.readString(sys.resolve("dm/name")).strip();
            }
        } catch (IOException e) {
            return "device-mapper";
        }
        if (holder.startsWith("md")) {
            return "md RAID";
        }
        return "stacked block device";
    }
}

package dev.exhibit.testkit;

import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A loop device attached with {@code losetup --find --show} that cannot outlive its user: it is held open and marked
 * autoclear, so the kernel detaches it when the last opener closes it, even if this JVM is killed. Other engineers'
 * tests share the machine's loop devices, so none may be left behind.
 */
public final class LoopDevice implements AutoCloseable {
    /** {@code LOOP_GET_STATUS64} / {@code LOOP_SET_STATUS64} and the {@code lo_flags} field of loop_info64. */
    private static final long LOOP_SET_STATUS64 = 0x4C04;

    private static final long LOOP_GET_STATUS64 = 0x4C05;
    private static final int LOOP_INFO64_BYTES = 232;
    private static final int LO_FLAGS_OFFSET = 52;
    private static final int LO_FLAGS_AUTOCLEAR = 4;
    private static final long DETACH_WAIT_MILLIS = 10_000;

    private final Path path;
    private final NativeFd holder;

    private LoopDevice(Path path, NativeFd holder) {
        this.path = path;
        this.holder = holder;
    }

    /** How to attach: read-only, partition scan ({@code -P}), direct I/O to the backing file, logical sector size. */
    public record Options(boolean readOnly, boolean partitions, boolean directIo, int sectorBytes) {
        public static Options readOnlyDisk() {
            return new Options(true, false, false, 512);
        }

        public static Options writable() {
            return new Options(false, false, false, 512);
        }

        public Options withPartitions() {
            return new Options(readOnly, true, directIo, sectorBytes);
        }

        public Options withDirectIo(boolean on) {
            return new Options(readOnly, partitions, on, sectorBytes);
        }

        public Options withSectorBytes(int bytes) {
            return new Options(readOnly, partitions, directIo, bytes);
        }
    }

    public static LoopDevice attach(Path file, Options options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("losetup", "--find", "--show"));
        if (options.readOnly()) {
            cmd.add("--read-only");
        }
        if (options.partitions()) {
            cmd.add("--partscan");
        }
        cmd.add("--direct-io=" + (options.directIo() ? "on" : "off"));
        cmd.add("--sector-size");
        cmd.add(Integer.toString(options.sectorBytes()));
        cmd.add(file.toString());
        Proc.Result r = Proc.run(null, cmd);
        if (r.exitCode() != 0) {
            throw new IOException(
                    "losetup could not attach " + file + ": " + r.stderr().strip());
        }
        Path device = Path.of(r.stdout().strip());
        NativeFd holder;
        try {
            holder = NativeFd.open(device, NativeFd.O_RDONLY | NativeFd.O_NONBLOCK);
            setAutoclear(holder);
            if (options.partitions()) {
                addPartitions(device);
            }
        } catch (IOException | RuntimeException e) {
            Proc.run("losetup", "-d", device.toString());
            throw e;
        }
        return new LoopDevice(device, holder);
    }

    /**
     * Some kernels (this project's CI VM among them) are built without partition-table parsers, so {@code losetup -P}
     * finds no partitions; {@code partx --add} reads the table in user space and adds them with BLKPG instead.
     */
    private static void addPartitions(Path device) throws IOException {
        String name = device.getFileName().toString();
        try (Stream<Path> entries = Files.list(Path.of("/sys/block", name))) {
            if (entries.anyMatch(p -> p.getFileName().toString().startsWith(name + "p"))) {
                return;
            }
        }
        Proc.Result r = Proc.run("partx", "--add", device.toString());
        if (r.exitCode() != 0) {
            throw new IOException("partx could not add the partitions of " + device + ": "
                    + r.stderr().strip());
        }
    }

    private static void setAutoclear(NativeFd fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(LOOP_INFO64_BYTES, 8);
            fd.ioctlStruct(LOOP_GET_STATUS64, info, "LOOP_GET_STATUS64");
            int flags = info.get(ValueLayout.JAVA_INT, LO_FLAGS_OFFSET);
            info.set(ValueLayout.JAVA_INT, LO_FLAGS_OFFSET, flags | LO_FLAGS_AUTOCLEAR);
            fd.ioctlStruct(LOOP_SET_STATUS64, info, "LOOP_SET_STATUS64");
        }
    }

    /** {@code /dev/loopN}. */
    public Path path() {
        return path;
    }

    /** {@code loopN}, the name under /sys/block. */
    public String name() {
        return path.getFileName().toString();
    }

    /** The partition devices the kernel made ({@code /dev/loopNp1}, ...), in partition-number order. */
    public List<Path> partitions() throws IOException {
        Path sys = Path.of("/sys/block", name());
        try (Stream<Path> entries = Files.list(sys)) {
            return entries.filter(p -> Files.exists(p.resolve("partition")))
                    .sorted(Comparator.comparingInt(p -> partitionNumber(p)))
                    .map(p -> Path.of("/dev", p.getFileName().toString()))
                    .toList();
        }
    }

    private static int partitionNumber(Path sysPartition) {
        try {
            return Integer.parseInt(
                    Files.readString(sysPartition.resolve("partition")).strip());
        } catch (IOException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Lets go of the device: clears any read-only flag set with BLKROSET (the kernel keeps it with the loop number
     * across detach and attach, so the next user would find a read-only device; a device attached read-only stays so), closes the held descriptor so the kernel detaches it,
     * and waits for the detach. A device someone else still holds detaches when they close it.
     */
    @Override
    public void close() throws IOException {
        try {
            for (Path part : partitions()) {
                clearReadOnly(part);
            }
            holder.ioctlSetInt(NativeFd.BLKROSET, 0, "BLKROSET");
        } finally {
            holder.close();
        }
        long deadline = System.currentTimeMillis() + DETACH_WAIT_MILLIS;
        Path bound = Path.of("/sys/block", name(), "loop");
        while (Files.exists(bound) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void clearReadOnly(Path device) throws IOException {
        try (NativeFd fd = NativeFd.open(device, NativeFd.O_RDONLY | NativeFd.O_NONBLOCK)) {
            fd.ioctlSetInt(NativeFd.BLKROSET, 0, "BLKROSET");
        }
    }

    /** Whether the kernel still has this device bound to its backing file. */
    public boolean isAttached() {
        return Files.exists(Path.of("/sys/block", name(), "loop"));
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

package dev.exhibit.testkit;

import dev.exhibit.testkit.fuse.FuseServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A block device with unreadable sectors at chosen 512-byte sector numbers, reached through the real kernel read path:
 * a FUSE file system served from this JVM exposes one file whose reads fail with EIO where they touch a bad sector,
 * and a read-only loop device is attached to that file. Acquisition code, GNU ddrescue and dc3dd all read the same
 * faulty source through {@link #blockDevice()}.
 *
 * <p>Nothing outlives the device: the loop device is autoclear and held open by this JVM, and (unless a mount
 * directory is asked for) the FUSE mount is detached from the tree as soon as the loop device holds the file, so
 * even a killed JVM leaves no mount and no loop device behind. See docs/faulty-device.md for the kernel's behaviour.
 */
public final class FaultyDevice implements AutoCloseable {
    private static final String FILE_NAME = "disk";
    private static final String SUBTYPE = "exhibitfaulty";
    private static final Set<FaultyDevice> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FaultyDevice::closeAll, "faulty-device-cleanup"));
    }

    /** One read the device served: its byte offset and length as the kernel issued it, and whether it failed. */
    public record Read(long byteOffset, int lengthBytes, boolean failed) {}

    /**
     * How to build the device.
     *
     * @param badReadDelay how long a read touching a bad sector takes before it fails (real drives retry for seconds)
     * @param fuseDirectIo open the FUSE file with FOPEN_DIRECT_IO so no page cache sits between loop and server
     * @param loopDirectIo attach the loop device with {@code --direct-io=on}; either this or {@code fuseDirectIo}
     *     keeps the FUSE page cache from widening errors to 4 KiB, both (the default) also pass large reads whole
     * @param mountDirectory keep the FUSE file system mounted here (for scripts); null: a temporary directory, detached
     *     as soon as the loop device is attached
     * @param threads FUSE server threads
     * @param failuresBeforeRecovery 0: bad sectors never read; N: a bad sector reads (from then on) once N reads of it
     *     alone, one sector long, have failed, as a weak sector that a drive's retry gets in the end
     * @param logicalSectorBytes the loop device's logical sector size: 512, or 4096 for a 4Kn drive, on which a bad
     *     512-byte sector makes its whole 4096-byte logical sector unreadable
     */
    public record Options(
            Duration badReadDelay,
            boolean fuseDirectIo,
            boolean loopDirectIo,
            Path mountDirectory,
            int threads,
            int failuresBeforeRecovery,
            int logicalSectorBytes) {
        public static Options defaults() {
            return new Options(Duration.ZERO, true, true, null, 2, 0, FaultyDisk.SECTOR_BYTES);
        }

        public Options withFailuresBeforeRecovery(int failures) {
            return new Options(
                    badReadDelay, fuseDirectIo, loopDirectIo, mountDirectory, threads, failures, logicalSectorBytes);
        }

        public Options withBadReadDelay(Duration delay) {
            return new Options(
                    delay,
                    fuseDirectIo,
                    loopDirectIo,
                    mountDirectory,
                    threads,
                    failuresBeforeRecovery,
                    logicalSectorBytes);
        }

        public Options withFuseDirectIo(boolean on) {
            return new Options(
                    badReadDelay,
                    on,
                    loopDirectIo,
                    mountDirectory,
                    threads,
                    failuresBeforeRecovery,
                    logicalSectorBytes);
        }

        public Options withLoopDirectIo(boolean on) {
            return new Options(
                    badReadDelay,
                    fuseDirectIo,
                    on,
                    mountDirectory,
                    threads,
                    failuresBeforeRecovery,
                    logicalSectorBytes);
        }

        public Options withMountDirectory(Path directory) {
            return new Options(
                    badReadDelay,
                    fuseDirectIo,
                    loopDirectIo,
                    directory,
                    threads,
                    failuresBeforeRecovery,
                    logicalSectorBytes);
        }

        public Options withLogicalSectorBytes(int bytes) {
            return new Options(
                    badReadDelay, fuseDirectIo, loopDirectIo, mountDirectory, threads, failuresBeforeRecovery, bytes);
        }

        public Options withThreads(int count) {
            return new Options(
                    badReadDelay,
                    fuseDirectIo,
                    loopDirectIo,
                    mountDirectory,
                    count,
                    failuresBeforeRecovery,
                    logicalSectorBytes);
        }
    }

    private final DiskContent content;
    private final FaultyDisk disk;
    private final FuseServer server;
    private final LoopDevice loop;

    private FaultyDevice(DiskContent content, FaultyDisk disk, FuseServer server, LoopDevice loop) {
        this.content = content;
        this.disk = disk;
        this.server = server;
        this.loop = loop;
    }

    /** A faulty device showing {@code backingImage}, with the given 512-byte sectors unreadable. */
    public static FaultyDevice start(Path backingImage, SortedSet<Long> badSectors) throws IOException {
        return start(DiskContent.file(backingImage), badSectors, Options.defaults());
    }

    public static FaultyDevice start(DiskContent content, SortedSet<Long> badSectors, Options options)
            throws IOException {
        long sectors = content.sizeBytes() / FaultyDisk.SECTOR_BYTES;
        if (content.sizeBytes() % FaultyDisk.SECTOR_BYTES != 0 || sectors == 0) {
            content.close();
            throw new IllegalArgumentException("device size (" + content.sizeBytes()
                    + " bytes) must be a positive multiple of " + FaultyDisk.SECTOR_BYTES);
        }
        if (!badSectors.isEmpty() && (badSectors.first() < 0 || badSectors.last() >= sectors)) {
            content.close();
            throw new IllegalArgumentException("bad sectors " + badSectors.first() + "-" + badSectors.last()
                    + " reach outside the device's sectors 0-" + (sectors - 1));
        }
        NavigableSet<Long> bad = Collections.unmodifiableNavigableSet(new TreeSet<>(badSectors));
        FaultyDisk disk = new FaultyDisk(content, bad, options.badReadDelay(), options.failuresBeforeRecovery());
        Path created = options.mountDirectory() == null ? Files.createTempDirectory("exhibit-faulty-") : null;
        Path mountPoint = created != null ? created : options.mountDirectory();
        FuseServer server = null;
        try {
            server = FuseServer.mount(mountPoint, FILE_NAME, disk, SUBTYPE, options.fuseDirectIo(), options.threads());
            LoopDevice loop = LoopDevice.attach(
                    server.filePath(),
                    LoopDevice.Options.readOnlyDisk()
                            .withDirectIo(options.loopDirectIo())
                            .withSectorBytes(options.logicalSectorBytes()));
            if (created != null) {
                server.detach();
                Files.delete(created);
            }
            FaultyDevice device = new FaultyDevice(content, disk, server, loop);
            OPEN.add(device);
            return device;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                closeQuietly(server, e);
            }
            if (created != null) {
                Files.deleteIfExists(created);
            }
            content.close();
            throw e;
        }
    }

    /** The loop device, e.g. {@code /dev/loop3}. */
    public Path blockDevice() {
        return loop.path();
    }

    /** The FUSE file behind the loop device; reachable only when a mount directory was asked for. */
    public Path file() {
        return server.filePath();
    }

    public long sizeBytes() {
        return content.sizeBytes();
    }

    public NavigableSet<Long> badSectors() {
        return disk.badSectors();
    }

    public DiskContent content() {
        return content;
    }

    /** The reads the kernel sent the FUSE server, oldest first (the last 100,000). */
    public List<Read> reads() {
        return disk.readLog();
    }

    public void clearReads() {
        disk.clearReadLog();
    }

    public long failedReads() {
        return disk.failedReads();
    }

    /** Errors the FUSE server met while serving; empty when it answered every request. */
    public List<Throwable> serverFailures() {
        return server.failures();
    }

    /** Starts a faulty device from the command line; see {@code FaultyDeviceMain.USAGE}. */
    public static void main(String[] args) {
        System.exit(FaultyDeviceMain.run(args, System.in, System.out, System.err));
    }

    /** Detaches the loop device, unmounts the FUSE file system (lazily if busy) and stops its server. */
    @Override
    public void close() throws IOException {
        if (!OPEN.remove(this)) {
            return;
        }
        IOException failure = null;
        try {
            loop.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            server.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        content.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeAll() {
        for (FaultyDevice device : List.copyOf(OPEN)) {
            try {
                device.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("faulty device " + device.blockDevice() + ": cleanup failed: " + e.getMessage());
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource, Exception primary) {
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "faulty device " + loop.path() + " (" + sizeBytes() + " bytes, "
                + disk.badSectors().size() + " bad sectors)";
    }
}

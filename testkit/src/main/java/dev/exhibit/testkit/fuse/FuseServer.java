package dev.exhibit.testkit.fuse;

import dev.exhibit.core.posix.CharDevice;
import dev.exhibit.core.posix.Mounts;
import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FUSE file system served from Java without libfuse: opens {@code /dev/fuse}, mounts it with {@code mount(2)} and
 * answers the kernel's requests on a few platform threads. It holds one read-only file, {@code MOUNT/NAME}. Needs
 * CAP_SYS_ADMIN (root).
 */
public final class FuseServer implements AutoCloseable {
    /** The largest READ the kernel may send: FUSE_MAX_PAGES of 4 KiB pages. */
    static final int MAX_READ_BYTES = 1 << 20;
    /** Requests are small (no writes are accepted), but the kernel wants room for max_write plus headers. */
    private static final int REQUEST_BUFFER_BYTES = 128 * 1024 + 4096;

    private static final long JOIN_MILLIS = 5000;

    private final CharDevice device;
    private final Path mountPoint;
    private final String fileName;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean mounted;

    private FuseServer(CharDevice device, Path mountPoint, String fileName) {
        this.device = device;
        this.mountPoint = mountPoint;
        this.fileName = fileName;
    }

    /**
     * Mounts a file system holding {@code file} as {@code mountPoint/fileName}, read-only.
     *
     * @param subtype shown in /proc/self/mountinfo as {@code fuse.SUBTYPE}
     * @param directIo open the file with FOPEN_DIRECT_IO: no page cache, each read reaches {@code file} as issued
     * @param threads how many requests may be served at once
     */
    public static FuseServer mount(
            Path mountPoint, String fileName, FuseFile file, String subtype, boolean directIo, int threads)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
        }
        CharDevice device = CharDevice.open(Path.of("/dev/fuse"), NativeFd.O_RDWR);
        FuseServer server = new FuseServer(device, mountPoint, fileName);
        try {
            String options = "fd=" + device.number() + ",rootmode=40000,user_id=0,group_id=0,allow_other";
            Mounts.mount(
                    "exhibit-" + subtype,
                    mountPoint,
                    "fuse." + subtype,
                    Mounts.MS_RDONLY | Mounts.MS_NOSUID | Mounts.MS_NODEV | Mounts.MS_NOEXEC,
                    options);
            server.mounted = true;
        } catch (IOException | RuntimeException e) {
            device.close();
            throw e;
        }
        FuseHandler handler = new FuseHandler(
                file, fileName, directIo, MAX_READ_BYTES, Instant.now().getEpochSecond());
        for (int i = 0; i < threads; i++) {
            Thread t = Thread.ofPlatform()
                    .daemon()
                    .name("fuse-" + subtype + "-" + i)
                    .start(() -> server.serve(handler));
            server.workers.add(t);
        }
        return server;
    }

    /** The served file's path; reachable only while {@link #isMounted()}. */
    public Path filePath() {
        return mountPoint.resolve(fileName);
    }

    public boolean isMounted() {
        return mounted;
    }

    /** Errors met while serving (a reply that could not be written, a bug in a handler); empty when all went well. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /**
     * Detaches the mount from the directory tree now (a lazy unmount) while the server keeps answering whoever has the
     * file open, such as a loop device. When the last user closes it the connection ends and the threads stop.
     */
    public void detach() throws IOException {
        if (mounted) {
            Mounts.unmount(mountPoint, Mounts.MNT_DETACH);
            mounted = false;
        }
    }

    private void serve(FuseHandler handler) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(REQUEST_BUFFER_BYTES, 8);
            MemorySegment out = arena.allocate(FuseProtocol.OUT_HEADER_BYTES + MAX_READ_BYTES, 8);
            while (true) {
                int length;
                try {
                    length = device.read(in);
                } catch (PosixException e) {
                    if (e.errno() == FuseProtocol.EINTR || e.errno() == FuseProtocol.ENOENT) {
                        continue; // a request was withdrawn before we read it
                    }
                    if (e.errno() != FuseProtocol.ENODEV && e.errno() != FuseProtocol.ECONNABORTED) {
                        failures.add(e);
                    }
                    return; // ENODEV, ECONNABORTED: unmounted, the connection is gone
                }
                int reply = handle(handler, in, length, out);
                if (reply > 0) {
                    try {
                        device.write(out, reply);
                    } catch (PosixException e) {
                        // ENOENT: the request was interrupted and the kernel no longer waits for it.
                        if (e.errno() == FuseProtocol.ENODEV || e.errno() == FuseProtocol.ECONNABORTED) {
                            return;
                        }
                        if (e.errno() != FuseProtocol.ENOENT) {
                            failures.add(e);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failures.add(e);
        }
    }

    private int handle(FuseHandler handler, MemorySegment in, int length, MemorySegment out) {
        try {
            return handler.handle(in, length, out);
        } catch (RuntimeException e) {
            // A bug in a handler must not leave the kernel (and the reader) waiting forever: answer EIO.
            failures.add(e);
            out.set(ValueLayout.JAVA_INT, FuseProtocol.OUT_LEN, FuseProtocol.OUT_HEADER_BYTES);
            out.set(ValueLayout.JAVA_INT, FuseProtocol.OUT_ERROR, -FuseProtocol.EIO);
            out.set(
                    ValueLayout.JAVA_LONG,
                    FuseProtocol.OUT_UNIQUE,
                    in.get(ValueLayout.JAVA_LONG, FuseProtocol.IN_UNIQUE));
            return FuseProtocol.OUT_HEADER_BYTES;
        }
    }

    /**
     * Unmounts (lazily when busy), waits for the threads to stop and closes the device. Threads of a lazily unmounted
     * file system still in use keep serving until its last user lets go; they do not keep the JVM alive.
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (mounted) {
            try {
                Mounts.unmount(mountPoint, 0);
            } catch (PosixException busy) {
                try {
                    Mounts.unmount(mountPoint, Mounts.MNT_DETACH);
                } catch (IOException e) {
                    failure = e;
                }
            }
            mounted = false;
        }
        boolean stopped = true;
        for (Thread t : workers) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped &= !t.isAlive();
        }
        if (stopped) {
            device.close(); // closing while a thread still reads would abort a connection someone still uses
        }
        if (failure != null) {
            throw failure;
        }
    }
}

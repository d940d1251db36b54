package dev.exhibit.core.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * A raw file descriptor, for the block-device ioctls Java's NIO does not offer (read-only flag, sector sizes, device
 * size). Opened read-only unless {@link #O_RDWR} is asked for; closing is explicit.
 */
public final class NativeFd implements AutoCloseable {
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    /** {@code _IO(0x12, 93)}: set the kernel read-only flag of a block device from an {@code int}. */
    public static final long BLKROSET = 0x125D;
    /** {@code _IO(0x12, 94)}: read the kernel read-only flag into an {@code int}. */
    public static final long BLKROGET = 0x125E;
    /** {@code _IO(0x12, 104)}: logical sector size in bytes, an {@code int}. */
    public static final long BLKSSZGET = 0x1268;
    /** {@code _IO(0x12, 123)}: physical sector size in bytes, an {@code unsigned int}. */
    public static final long BLKPBSZGET = 0x127B;
    /** {@code _IOR(0x12, 114, size_t)}: device size in bytes, a {@code uint64_t}. */
    public static final long BLKGETSIZE64 = 0x80081272L;

    private final int fd;
    private final String path;
    private boolean closed;

    private NativeFd(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    public static NativeFd open(Path path, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int fd = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(path.toString()), flags | O_CLOEXEC);
            if (fd < 0) {
                throw new PosixException("open", path.toString(), Libc.errno(state));
            }
            return new NativeFd(fd, path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Issues an ioctl that reads an {@code int}. */
    public int ioctlGetInt(long request, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            ioctl(arena, request, value, name);
            return value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** Issues an ioctl that reads a 64-bit value. */
    public long ioctlGetLong(long request, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            ioctl(arena, request, value, name);
            return value.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Issues an ioctl that takes a pointer to an {@code int}. */
    public void ioctlSetInt(long request, int argument, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_INT, argument);
            ioctl(arena, request, value, name);
        }
    }

    /**
     * Issues an ioctl whose argument is a structure the caller laid out in {@code argument} (for example SG_IO's
     * {@code sg_io_hdr}); the kernel reads and writes it in place.
     */
    public void ioctlStruct(long request, MemorySegment argument, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            ioctl(arena, request, argument, name);
        }
    }

    /** The descriptor number, for calls that name it (a FUSE mount's {@code fd=N} option). */
    int number() {
        requireOpen();
        return fd;
    }

    private void ioctl(Arena arena, long request, MemorySegment arg, String name) throws IOException {
        requireOpen();
        MemorySegment state = Libc.captureState(arena);
        int rc;
        try {
            rc = (int) Libc.IOCTL.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        if (rc < 0) {
            throw new PosixException("ioctl " + name, path, Libc.errno(state));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("file descriptor for " + path + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int rc = (int) Libc.CLOSE.invokeExact(state, fd);
            if (rc < 0) {
                throw new PosixException("close", path, Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}

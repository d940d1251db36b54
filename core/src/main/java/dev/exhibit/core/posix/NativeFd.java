package dev.exhibit.core.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A raw file descriptor, for what Java's NIO does not offer: the block-device ioctls (read-only flag, sector sizes,
 * device size), direct I/O ({@link #O_DIRECT}) and reads and writes that report the exact {@code errno} and byte
 * offset of a failure, so a bad sector is told apart from a full disk. Opened read-only unless {@link #O_RDWR} or
 * {@link #O_WRONLY} is asked for; closing is explicit.
 */
public final class NativeFd implements AutoCloseable {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    /** Bypass the page cache: buffers, offsets and lengths must be multiples of the logical block size. */
    public static final int O_DIRECT = 0x4000;

    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int EINTR = 4;
    public static final int EWOULDBLOCK = 11;
    public static final int EIO = 5;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;

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

    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;

    private final int fd;
    private final String path;
    private boolean closed;

    private NativeFd(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    public static NativeFd open(Path path, int flags) throws IOException {
        return create(path, flags, 0);
    }

    /** Opens {@code path}, creating it with {@code mode} (for example 0644) when {@code flags} hold {@link #O_CREAT}. */
    public static NativeFd create(Path path, int flags, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int fd = (int)
                    Libc.OPEN_MODE.invokeExact(state, arena.allocateFrom(path.toString()), flags | O_CLOEXEC, mode);
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

    /**
     * Reads up to {@code buffer.byteSize()} bytes at {@code byteOffset}, retrying on EINTR. Returns how many bytes were
     * read: fewer than asked at the end of the file, or when the kernel read part of the range before an error.
     *
     * @throws PosixException with the errno (EIO for an unreadable sector) and the offset in its message
     */
    public long pread(MemorySegment buffer, long byteOffset) throws IOException {
        return transfer(Libc.PREAD, "read", buffer, byteOffset);
    }

    /** Writes up to {@code buffer.byteSize()} bytes at {@code byteOffset}; returns how many were written. */
    public long pwrite(MemorySegment buffer, long byteOffset) throws IOException {
        return transfer(Libc.PWRITE, "write", buffer, byteOffset);
    }

    /** Forces written data and metadata to stable storage. */
    public void fsync() throws IOException {
        simple(Libc.FSYNC, "fsync", 0, false);
    }

    /** Sets the file's length in bytes. */
    public void truncate(long lengthBytes) throws IOException {
        simple(Libc.FTRUNCATE, "ftruncate to " + lengthBytes + " bytes", lengthBytes, true);
    }

    public String path() {
        return path;
    }

    private long transfer(MethodHandle call, String what, MemorySegment buffer, long byteOffset) throws IOException {
        requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            while (true) {
                long n = (long) call.invokeExact(state, fd, buffer, buffer.byteSize(), byteOffset);
                if (n >= 0) {
                    return n;
                }
                int errno = Libc.errno(state);
                if (errno != EINTR) {
                    throw new PosixException(
                            what + " of " + buffer.byteSize() + " bytes at byte " + byteOffset, path, errno);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private void simple(MethodHandle call, String what, long argument, boolean withArgument) throws IOException {
        requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int rc = withArgument ? (int) call.invokeExact(state, fd, argument) : (int) call.invokeExact(state, fd);
            if (rc < 0) {
                throw new PosixException(what, path, Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * Tries once to take an advisory {@code flock(2)} lock without waiting. Unlike {@code fcntl} locks (which Java's
     * {@code FileLock} uses), a flock belongs to this open file description: closing another descriptor of the same file
     * in this process does not release it, and a second descriptor in this process conflicts with it like another
     * process would.
     *
     * @return {@code false} when another holder has a conflicting lock
     */
    public boolean tryLock(boolean exclusive) throws IOException {
        requireOpen();
        int operation = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            while (true) {
                int rc = (int) Libc.FLOCK.invokeExact(state, fd, operation);
                if (rc == 0) {
                    return true;
                }
                int errno = Libc.errno(state);
                if (errno == EWOULDBLOCK) {
                    return false;
                }
                if (errno != EINTR) {
                    throw new PosixException(exclusive ? "flock (exclusive)" : "flock (shared)", path, errno);
                }
            }
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

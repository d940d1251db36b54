package dev.exhibit.core.posix;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A character device spoken to in whole messages: each {@code read(2)} returns one message and each {@code write(2)}
 * sends one, as {@code /dev/fuse} requires. Several threads may read and write at once; closing is explicit.
 */
public final class CharDevice implements AutoCloseable {
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle READ = Libc.downcall(
            "read",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            CAPTURE_ERRNO);
    private static final MethodHandle WRITE = Libc.downcall(
            "write",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            CAPTURE_ERRNO);

    private final NativeFd fd;
    private final String path;

    private CharDevice(NativeFd fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    public static CharDevice open(Path path, int flags) throws IOException {
        return new CharDevice(NativeFd.open(path, flags), path.toString());
    }

    /** The descriptor number, for a mount option such as FUSE's {@code fd=N}. */
    public int number() {
        return fd.number();
    }

    /** Reads one message into {@code buffer} and returns its length in bytes; blocks until one arrives. */
    public int read(MemorySegment buffer) throws IOException {
        return Math.toIntExact(transfer(READ, "read", buffer, buffer.byteSize()));
    }

    /** Sends the first {@code lengthBytes} of {@code message} in one {@code write(2)}. */
    public void write(MemorySegment message, long lengthBytes) throws IOException {
        long written = transfer(WRITE, "write", message, lengthBytes);
        if (written != lengthBytes) {
            throw new IOException(path + ": short write of a message: " + written + " of " + lengthBytes + " bytes");
        }
    }

    private long transfer(MethodHandle call, String name, MemorySegment buffer, long lengthBytes) throws IOException {
        if (lengthBytes < 0 || lengthBytes > buffer.byteSize()) {
            throw new IllegalArgumentException(
                    "lengthBytes (" + lengthBytes + ") must be within the buffer of " + buffer.byteSize() + " bytes");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            long rc = (long) call.invokeExact(state, fd.number(), buffer, lengthBytes);
            if (rc < 0) {
                throw new PosixException(name, path, Libc.errno(state));
            }
            return rc;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }
}

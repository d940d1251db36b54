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
 * {@code mount(2)} and {@code umount2(2)}, for the test kit's FUSE devices. The product never mounts anything: an
 * evidence source must stay unmounted, and the write-block check refuses mounted ones.
 */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    /** {@code umount2} flag: detach now, finish when the last user lets go (a lazy unmount). */
    public static final int MNT_DETACH = 2;

    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle MOUNT = Libc.downcall(
            "mount",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG,
                    ValueLayout.ADDRESS),
            CAPTURE_ERRNO);
    private static final MethodHandle UMOUNT2 = Libc.downcall(
            "umount2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);

    private Mounts() {}

    public static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int rc = (int) MOUNT.invokeExact(
                    state,
                    arena.allocateFrom(source),
                    arena.allocateFrom(target.toString()),
                    arena.allocateFrom(type),
                    flags,
                    arena.allocateFrom(data));
            if (rc < 0) {
                throw new PosixException("mount -t " + type, target.toString(), Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Unmounts {@code target}; {@code flags} 0 or {@link #MNT_DETACH}. */
    public static void unmount(Path target, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.captureState(arena);
            int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), flags);
            if (rc < 0) {
                throw new PosixException("umount", target.toString(), Libc.errno(state));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}

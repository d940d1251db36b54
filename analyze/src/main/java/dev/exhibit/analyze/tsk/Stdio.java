package dev.exhibit.analyze.tsk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Predicate;

/**
 * A C {@code FILE *} in memory ({@code open_memstream}), for the few libtsk operations that only print to a stream,
 * such as a file system's {@code fsstat}, the one place libtsk reads volume labels for every file system type.
 */
public final class Stdio {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN_MEMSTREAM =
            libc("open_memstream", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle FCLOSE = libc("fclose", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FREE = libc("free", FunctionDescriptor.ofVoid(ADDRESS));

    private Stdio() {}

    /**
     * Runs {@code printer} on a fresh in-memory stream and returns what it printed, or {@code null} when the printer
     * reports failure.
     */
    public static byte[] capture(Predicate<MemorySegment> printer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bufferPointer = arena.allocate(ADDRESS);
            MemorySegment sizePointer = arena.allocate(JAVA_LONG);
            MemorySegment stream = (MemorySegment) OPEN_MEMSTREAM.invokeExact(bufferPointer, sizePointer);
            if (stream.address() == 0) {
                throw new IllegalStateException("open_memstream failed");
            }
            boolean ok = printer.test(stream);
            // fclose finishes the buffer and stores its final address and size
            int closed = (int) FCLOSE.invokeExact(stream);
            MemorySegment buffer = bufferPointer.get(ADDRESS, 0);
            long size = sizePointer.get(JAVA_LONG, 0);
            byte[] out = ok && closed == 0 ? new byte[Math.toIntExact(size)] : null;
            if (out != null) {
                Mem.copy(buffer.address(), out, 0, out.length);
            }
            FREE.invokeExact(buffer);
            return out;
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    private static MethodHandle libc(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}

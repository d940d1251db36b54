package dev.exhibit.analyze.tsk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * libtsk's hook for images it cannot read itself ({@code tsk_img_open_external}): the caller allocates a whole
 * TSK_IMG_INFO with {@code tsk_img_malloc}, libtsk fills its head and calls the caller's {@code read}, {@code close}
 * and {@code imgstat} back; {@code close} must free the struct with {@code tsk_img_free}.
 */
public final class ExternalImages {
    /** {@code ssize_t read(TSK_IMG_INFO *, TSK_OFF_T off, char *buf, size_t len)}. */
    public static final FunctionDescriptor READ =
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);

    /** {@code void close(TSK_IMG_INFO *)}. */
    public static final FunctionDescriptor CLOSE = FunctionDescriptor.ofVoid(ADDRESS);

    /** {@code void imgstat(TSK_IMG_INFO *, FILE *)}. */
    public static final FunctionDescriptor IMGSTAT = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

    /** {@code TSK_IMG_TYPE_EXTERNAL}. */
    public static final int TYPE_EXTERNAL = 0x1000;

    private static final int ERR_IMG_READ = 0x02000000 | 7;

    private static final class Handles {
        static final MethodHandle MALLOC = Libtsk.downcall("tsk_img_malloc", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        static final MethodHandle FREE = Libtsk.downcall("tsk_img_free", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle OPEN = Libtsk.downcall(
                "tsk_img_open_external",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle SET_ERRNO =
                Libtsk.downcall("tsk_error_set_errno", FunctionDescriptor.ofVoid(JAVA_INT));
        static final MethodHandle SET_ERRSTR = Linker.nativeLinker()
                .downcallHandle(
                        Libtsk.symbol("tsk_error_set_errstr"),
                        FunctionDescriptor.ofVoid(ADDRESS, ADDRESS),
                        Linker.Option.firstVariadicArg(1));
    }

    private ExternalImages() {}

    /** A zeroed TSK_IMG_INFO of its full size, or NULL when memory is short. */
    public static MemorySegment malloc() {
        try {
            return (MemorySegment) Handles.MALLOC.invokeExact(Layouts.IMG_INFO_BYTES);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    public static void free(MemorySegment img) {
        try {
            Handles.FREE.invokeExact(img);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    /** Fills {@code ext} as an external image of {@code sizeBytes} with the given callbacks; NULL on bad arguments. */
    public static MemorySegment open(
            MemorySegment ext,
            long sizeBytes,
            int sectorBytes,
            MemorySegment read,
            MemorySegment close,
            MemorySegment imgstat) {
        try {
            return (MemorySegment) Handles.OPEN.invokeExact(ext, sizeBytes, sectorBytes, read, close, imgstat);
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }

    /** Sets libtsk's error for this thread to a read error with {@code message} (printed through "%s"). */
    public static void setReadError(String message) {
        try (Arena arena = Arena.ofConfined()) {
            Handles.SET_ERRNO.invokeExact(ERR_IMG_READ);
            Handles.SET_ERRSTR.invokeExact(arena.allocateFrom("%s"), arena.allocateFrom(message));
        } catch (Throwable t) {
            throw Calls.rethrow(t);
        }
    }
}

package dev.exhibit.analyze.tsk;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Reads libtsk's memory by absolute address. Pointers that libtsk hands back are zero-length segments; instead of
 * re-sizing one per struct (an allocation per field on the hot path of a million-entry walk), every read goes
 * through one segment spanning the address space, at {@code address + offset} from {@link Layouts}.
 */
public final class Mem {
    /** The whole address space; bounds are the struct layouts' business, checked at load by {@link Layouts}. */
    public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** Longest C string read before giving up: longer than any name or path libtsk builds (4,096 bytes). */
    public static final int MAX_STRING_BYTES = 1 << 16;

    private Mem() {}

    public static long i64(long address) {
        return ALL.get(ValueLayout.JAVA_LONG, address);
    }

    public static int i32(long address) {
        return ALL.get(ValueLayout.JAVA_INT, address);
    }

    public static int u16(long address) {
        return Short.toUnsignedInt(ALL.get(ValueLayout.JAVA_SHORT, address));
    }

    public static byte i8(long address) {
        return ALL.get(ValueLayout.JAVA_BYTE, address);
    }

    /** The address stored in a pointer field. */
    public static long ptr(long address) {
        return ALL.get(ValueLayout.ADDRESS, address).address();
    }

    /** Length of the NUL-terminated string at {@code address}, at most {@link #MAX_STRING_BYTES}; 0 for NULL. */
    public static int strlen(long address) {
        if (address == 0) {
            return 0;
        }
        int n = 0;
        while (n < MAX_STRING_BYTES && ALL.get(ValueLayout.JAVA_BYTE, address + n) != 0) {
            n++;
        }
        return n;
    }

    /** Copies {@code length} bytes at {@code address} into {@code into} from {@code at}. */
    public static void copy(long address, byte[] into, int at, int length) {
        MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, address, into, at, length);
    }

    /** The bytes of the C string at {@code address} (empty for NULL), exactly as libtsk holds them. */
    public static byte[] cString(long address) {
        int n = strlen(address);
        byte[] out = new byte[n];
        copy(address, out, 0, n);
        return out;
    }

    /** The C string at {@code address} decoded as UTF-8 (invalid sequences replaced): for libtsk's own texts only. */
    public static String text(long address) {
        return new String(cString(address), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A copy of {@code bytes} without trailing spaces and NULs, the padding of fixed-width on-disk labels. */
    public static byte[] trimPadding(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}

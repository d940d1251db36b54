package dev.exhibit.image.lzfse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian loads from byte arrays; callers have checked the bounds against the block they read. */
final class LittleEndian {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {}

    static int i32(byte[] b, int at) {
        return (int) I32.get(b, at);
    }

    static long u32(byte[] b, int at) {
        return Integer.toUnsignedLong(i32(b, at));
    }

    static long i64(byte[] b, int at) {
        return (long) I64.get(b, at);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}

package dev.exhibit.analyze.tsk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Callbacks from libtsk into Java. The methods behind them must catch every {@code Throwable}: an exception that
 * reaches the native frame ends the JVM. They record it and ask libtsk to stop; the caller rethrows it with
 * {@link #rethrow} once libtsk has returned.
 */
public final class Upcalls {
    /** {@code TSK_WALK_RET_ENUM}: go on, or stop without error. */
    public static final int WALK_CONT = 0;

    public static final int WALK_STOP = 1;

    private Upcalls() {}

    /**
     * A native function pointer that calls {@code receiver.method(...)}; valid while {@code arena} is open.
     *
     * @param lookup a lookup with access to the method (the caller's)
     */
    public static MemorySegment stub(
            MethodHandles.Lookup lookup, Object receiver, String method, FunctionDescriptor descriptor, Arena arena) {
        MethodHandle target;
        try {
            target = lookup.findVirtual(receiver.getClass(), method, descriptor.toMethodType());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no callback method " + method + descriptor.toMethodType(), e);
        }
        return Linker.nativeLinker().upcallStub(target.bindTo(receiver), descriptor, arena);
    }

    /**
     * What a callback caught, for the caller to throw after the native call: an {@code IOException} (also one
     * wrapped unchecked) is returned, anything unchecked is thrown as it is.
     */
    public static IOException rethrow(Throwable failure) {
        Calls.errorReset();
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a libtsk callback failed", failure);
    }
}

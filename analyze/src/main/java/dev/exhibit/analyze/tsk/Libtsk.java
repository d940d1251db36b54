package dev.exhibit.analyze.tsk;

import dev.exhibit.core.ExhibitException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Loads The Sleuth Kit's shared library by its SONAME and checks, once per process, that it is a release whose struct
 * layouts this binding knows (4.11.x) and that the binding's declared layouts match the measured ones. Every entry
 * point of the binding calls {@link #require()} first, so a missing or foreign libtsk is one clear line, never a
 * linkage error.
 */
public final class Libtsk {
    /** The library Debian 12's {@code libtsk19} package installs; the unversioned name needs {@code libtsk-dev}. */
    public static final String DEFAULT_SONAME = "libtsk.so.19";

    /** System property naming another library file (tests use it to check the message for a missing libtsk). */
    public static final String SONAME_PROPERTY = "exhibit.libtsk";

    /** The releases whose layouts {@code layout-4.11.txt} describes. */
    public static final String SUPPORTED_SERIES = "4.11.";

    public static final String INSTALL_COMMAND = "apt-get install libtsk19";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Loaded LOADED = load();

    private Libtsk() {}

    private record Loaded(SymbolLookup lookup, String version, ExhibitException failure) {}

    /** Throws the load failure (exit status 3, with the install command) unless libtsk is usable. */
    public static void require() {
        if (LOADED.failure() != null) {
            Throwable cause = LOADED.failure().getCause();
            throw new ExhibitException(LOADED.failure().kind(), LOADED.failure().getMessage(), cause);
        }
    }

    /** The running library's version, e.g. {@code 4.11.1}. */
    public static String version() {
        require();
        return LOADED.version();
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        require();
        MemorySegment symbol =
                LOADED.lookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libtsk has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** A downcall through a function pointer read from a struct (libtsk's per-file-system operations). */
    static MethodHandle pointerCall(FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(descriptor);
    }

    static MemorySegment symbol(String name) {
        require();
        return LOADED.lookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError("libtsk has no symbol " + name));
    }

    private static Loaded load() {
        String soname = System.getProperty(SONAME_PROPERTY, DEFAULT_SONAME);
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(soname, Arena.global());
        } catch (IllegalArgumentException e) {
            return failed(
                    "The Sleuth Kit library " + soname + " (libtsk 4.11) is not installed; install it with: "
                            + INSTALL_COMMAND,
                    e);
        } catch (IllegalCallerException e) {
            return failed("native access is disabled; run java with --enable-native-access=ALL-UNNAMED", e);
        }
        String version;
        try {
            MemorySegment fn = lookup.find("tsk_version_get_str").orElseThrow();
            MethodHandle get = LINKER.downcallHandle(fn, FunctionDescriptor.of(ValueLayout.ADDRESS));
            version = Mem.text(((MemorySegment) get.invokeExact()).address());
        } catch (Throwable e) {
            return failed(soname + " is not The Sleuth Kit's library (no usable tsk_version_get_str)", e);
        }
        if (!version.startsWith(SUPPORTED_SERIES)) {
            return failed(
                    soname + " is The Sleuth Kit " + version + ", but this Exhibit knows the struct layouts of "
                            + SUPPORTED_SERIES + "x only; install Debian 12's libtsk19 (4.11.1): " + INSTALL_COMMAND,
                    null);
        }
        useUtcForLocalTimes();
        List<String> mismatches = LayoutCheck.verify();
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("libtsk struct declarations disagree with " + LayoutCheck.TABLE + ": "
                    + String.join("; ", mismatches));
        }
        return new Loaded(lookup, version, null);
    }

    /**
     * FAT and exFAT store local times without a zone, and libtsk converts them with mktime(), that is by the process's
     * TZ: the same image would give other epoch values on another examiner's machine. Exhibit reads them as UTC, the
     * convention fls follows under TZ=UTC, whatever the host's zone. (Java keeps its own copy of the zone; only the C
     * library's changes.)
     */
    private static void useUtcForLocalTimes() {
        if ("UTC".equals(System.getenv("TZ"))) {
            return;
        }
        try {
            SymbolLookup libc = LINKER.defaultLookup();
            MethodHandle setenv = LINKER.downcallHandle(
                    libc.find("setenv").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle tzset = LINKER.downcallHandle(libc.find("tzset").orElseThrow(), FunctionDescriptor.ofVoid());
            try (Arena arena = Arena.ofConfined()) {
                int ignored = (int) setenv.invokeExact(arena.allocateFrom("TZ"), arena.allocateFrom("UTC"), 1);
            }
            tzset.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot set the C library's time zone to UTC", t);
        }
    }

    private static Loaded failed(String message, Throwable cause) {
        return new Loaded(null, null, new ExhibitException(ExhibitException.Kind.ENVIRONMENT, message, cause));
    }
}

package dev.exhibit.analyze.sandbox;

import dev.exhibit.analyze.tsk.Libtsk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that starts a worker JVM: this JVM's java and class path, and the worker's own options. */
final class WorkerCommandLine {
    /** JVM options of the worker; see docs/analyze.md for the measurements behind them. */
    static final List<String> JVM_OPTIONS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            // one collector thread and a small young generation: a listing's garbage dies young, so memory stays
            // flat however many files are listed (measured: 92 MB resident on a million files, 81 MB on 64)
            "-XX:+UseSerialGC",
            "-Xmn8m",
            "-Xmx128m",
            // a native crash must not print the JVM's report into the listing on stdout, nor leave core files
            "-XX:+DisplayVMOutputToStderr",
            "-XX:-CreateCoredumpOnCrash");

    /**
     * System property naming an AOT cache (JEP 483/515) for the worker JVM, which the launcher sets when it has a
     * current one: the worker then starts with its classes loaded and linked and its profiles known (docs/speed.md).
     */
    static final String AOT_CACHE_PROPERTY = "exhibit.worker.aotCache";

    /** System property naming where the worker records an AOT cache when it ends (the launcher's training run). */
    static final String AOT_CACHE_OUTPUT_PROPERTY = "exhibit.worker.aotCacheOutput";

    private WorkerCommandLine() {}

    /** The command line of a worker reporting through the control file at {@code control}. */
    static List<String> of(Path control) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "exhibit-worker-hs_err-%p.log"));
        cmd.addAll(aotOptions());
        String soname = System.getProperty(Libtsk.SONAME_PROPERTY);
        if (soname != null) {
            cmd.add("-D" + Libtsk.SONAME_PROPERTY + "=" + soname);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add(control.toString());
        return cmd;
    }

    /**
     * The AOT cache options. The JVM ignores a cache that does not match its jars; its messages about that are turned
     * off, since the worker's stdout may be the listing.
     */
    private static List<String> aotOptions() {
        String output = System.getProperty(AOT_CACHE_OUTPUT_PROPERTY);
        if (output != null) {
            return List.of("-XX:AOTCacheOutput=" + output, "-Xlog:aot*=off,cds*=off");
        }
        String cache = System.getProperty(AOT_CACHE_PROPERTY);
        return cache == null ? List.of() : List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off");
    }
}

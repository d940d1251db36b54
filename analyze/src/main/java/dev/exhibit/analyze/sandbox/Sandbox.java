package dev.exhibit.analyze.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.Export;
import dev.exhibit.analyze.FileContent;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs libtsk work in a worker JVM and contains its crashes (docs/analyze.md, "Crash containment"). libtsk can
 * abort or segfault on a malformed image (4.11.1 overflows its path buffer on a 4,095-byte directory path, and
 * FORTIFY aborts the process); in this JVM that would end the command with no message and lose buffered output. In
 * a worker, the supervisor sees the signal, reads from the shared {@link ControlFile} which file system and
 * directory the worker had reached, delivers the records it had completed, names all that in one line, and, where
 * the command covers several file systems, starts a new worker on the next one.
 */
public final class Sandbox {
    /** A worker started ahead of its request, so that its JVM starts while this one parses the command line. */
    private static Worker.Started prestarted;

    private Sandbox() {}

    /**
     * Starts a worker now for the next {@link #files}, {@link #content} or {@link #summary} of this process: the two
     * JVMs then start side by side instead of one after the other. A worker that gets no request exits on its own
     * when this process ends.
     *
     * @param inheritStdout whether its output goes to this process's own stdout (listings, contents) or comes back by
     *     pipe (summaries)
     */
    public static synchronized void prestart(boolean inheritStdout) throws IOException {
        if (prestarted == null) {
            prestarted = Worker.start(inheritStdout);
        }
    }

    /** The prestarted worker if it fits {@code out}, else a new one. */
    private static synchronized Worker.Started worker(Output out) throws IOException {
        boolean inherit = !(out instanceof Output.Stream);
        if (prestarted != null && prestarted.inheritsStdout() == inherit) {
            Worker.Started w = prestarted;
            prestarted = null;
            return w;
        }
        return Worker.start(inherit);
    }

    /** Where a command's output goes. */
    public sealed interface Output {
        /** This process's own standard output, which the worker inherits: no copy in between. */
        record ProcessStdout() implements Output {}

        /** A stream of this process (tests, or anything that is not file descriptor 1). */
        record Stream(OutputStream stream) implements Output {}

        /** A file the caller created; the worker appends to it. */
        record File(Path path) implements Output {}
    }

    /** {@code exhibit analyze files}; when several file systems are listed, a crash in one moves on to the next. */
    public static void files(FileListing.Request request, Output out, Diagnostics diagnostics) throws IOException {
        List<Worker.Crash> crashes = new ArrayList<>();
        int first = request.firstTarget();
        while (true) {
            FileListing.Request r = request.from(first);
            Worker.Crash crash = Worker.run(worker(out), "files", Requests.files(r), out, diagnostics);
            if (crash == null) {
                break;
            }
            crashes.add(crash);
            if (!crash.more()) {
                break;
            }
            diagnostics.warning(crash.describe(request.image()) + "; going on with the next file system");
            first = crash.target() + 1;
        }
        failIfCrashed(
                crashes,
                request.image(),
                "every entry listed before the crash is in the output, the directory libtsk was entering last");
    }

    /** {@code exhibit analyze cat}. */
    public static void content(FileContent.Request request, Output out, Diagnostics diagnostics) throws IOException {
        Worker.Crash crash = Worker.run(worker(out), "cat", Requests.content(request), out, diagnostics);
        failIfCrashed(crash == null ? List.of() : List.of(crash), request.image(), "the output may be incomplete");
    }

    /** {@code exhibit analyze export}; a crash in one file system moves on to the next. */
    public static Export.Result export(Export.Request request, Diagnostics diagnostics) throws IOException {
        List<Worker.Crash> crashes = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        long failures = 0;
        Export.Request r = request;
        while (true) {
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            Output capture = new Output.Stream(result);
            Worker.Crash crash = Worker.run(worker(capture), "export", Requests.export(r), capture, diagnostics);
            if (crash == null) {
                String[] counts =
                        result.toString(StandardCharsets.UTF_8).strip().split(" ");
                files += Long.parseLong(counts[0]);
                bytes += Long.parseLong(counts[1]);
                failures += Long.parseLong(counts[2]);
                break;
            }
            crashes.add(crash);
            if (!crash.more()) {
                break;
            }
            diagnostics.warning(crash.describe(request.image()) + "; going on with the next file system");
            r = r.resumedAt(crash.target() + 1);
        }
        failIfCrashed(crashes, request.image(), "the files written before the crash are in the manifest");
        return new Export.Result(files, bytes, failures);
    }

    /**
     * The analysis summary. A file system whose walk crashes libtsk is summarised again without the walk (its file
     * counts null, {@code complete} false, the crash among the problems); one that crashes even when opened is left
     * out, with a problem saying so.
     */
    public static ObjectNode summary(Path image, Invocation invocation, boolean orphans, Diagnostics diagnostics)
            throws IOException {
        Map<Integer, String> skipWalk = new HashMap<>();
        Map<Integer, String> skipOpen = new HashMap<>();
        while (true) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            List<String> request =
                    Requests.summary(image, Jcs.canonicalString(invocation.toJson()), orphans, skipWalk, skipOpen);
            Output capture = new Output.Stream(json);
            Worker.Crash crash = Worker.run(worker(capture), "summary", request, capture, diagnostics);
            if (crash == null) {
                return (ObjectNode) Jcs.mapper().readTree(json.toByteArray());
            }
            if (crash.target() < 0 || skipOpen.containsKey(crash.target())) {
                failIfCrashed(List.of(crash), image, "no summary was written");
            }
            (skipWalk.containsKey(crash.target()) ? skipOpen : skipWalk).put(crash.target(), crash.describe(image));
        }
    }

    private static void failIfCrashed(List<Worker.Crash> crashes, Path image, String kept) {
        if (crashes.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Worker.Crash c : crashes) {
            b.append(b.isEmpty() ? "" : "; ").append(c.describe(image));
        }
        b.append("; ").append(kept);
        throw new ExhibitException(ExhibitException.Kind.EVIDENCE, b.toString());
    }
}

package dev.exhibit.analyze.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.Export;
import dev.exhibit.analyze.FileContent;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Summaries;
import dev.exhibit.analyze.Target;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Libtsk;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sandbox worker: the only process that loads libtsk. It runs one command for its supervisor and reports through
 * the {@link ControlFile}: progress as it goes, and a handled failure as status and message. Warnings go to stderr as
 * {@code exhibit: warning: ...} lines, output to stdout (or to the file the supervisor created). If libtsk kills
 * it, the supervisor reads the control file and carries on.
 *
 * <p>Its one argument is the control file. It loads libtsk first, then reads its request from stdin: the command
 * ({@code files}, {@code cat}, {@code export} or {@code summary}) and its {@code KEY=VALUE} arguments (see Requests),
 * separated by NUL bytes. A supervisor can so start it before it knows the request. An empty request means none
 * will come: the worker exits quietly.
 */
public final class WorkerMain {
    static final String WARNING_PREFIX = "exhibit: warning: ";
    static final String PROBLEM_PREFIX = "exhibit: problem: ";
    static final String NOTE_PREFIX = "exhibit: note: ";

    private WorkerMain() {}

    public static void main(String[] args) {
        ControlFile control;
        try {
            control = ControlFile.open(Path.of(args[0]));
        } catch (Exception e) {
            System.err.println("exhibit: error: the sandbox worker cannot open its control file: " + e);
            System.exit(4);
            return;
        }
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Diagnostics diagnostics = Diagnostics.of(
                w -> err.println(WARNING_PREFIX + w.replace('\n', ' ')),
                p -> err.println(PROBLEM_PREFIX + p.replace('\n', ' ')),
                n -> err.println(NOTE_PREFIX + n.replace('\n', ' ')));
        int status;
        try {
            // loading libtsk and linking its first functions overlaps with the supervisor's own start-up
            Libtsk.require();
            Calls.errorReset();
            String[] command = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\0", -1);
            if (command.length == 1 && command[0].isEmpty()) {
                control.delete();
                System.exit(0);
            }
            Requests.Args request = Requests.Args.parse(command, 1);
            String out = request.get("out");
            run(control, command[0], request, out == null ? null : Path.of(out), diagnostics);
            control.finished();
            status = 0;
        } catch (ExhibitException e) {
            status = e.kind().exitStatus();
            control.failed(status, e.getMessage());
        } catch (java.io.IOException e) {
            if (readerLeft(e)) {
                // `exhibit analyze files IMAGE | head`: the reader has all it wanted, as with any Unix filter
                control.finished();
                System.exit(0);
            }
            status = 3;
            control.failed(status, describe(e));
        } catch (Throwable t) {
            status = 4;
            StringWriter trace = new StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            control.failed(status, t + "\n" + trace);
        }
        err.flush();
        System.exit(status);
    }

    private static void run(
            ControlFile control, String command, Requests.Args request, Path outFile, Diagnostics diagnostics)
            throws Exception {
        Progress progress = new Progress(control);
        switch (command) {
            case "files" -> {
                try (WritableByteChannel channel = output(outFile);
                        ByteOut out = ByteOut.mirrored(channel, control.buffer(), control::committed)) {
                    FileListing.run(Requests.files(request), out, progress, diagnostics);
                }
            }
            case "cat" -> {
                try (WritableByteChannel channel = output(outFile)) {
                    FileContent.run(Requests.content(request), channel, diagnostics);
                }
            }
            case "export" -> {
                Export.Result r = Export.run(Requests.export(request), progress, diagnostics);
                System.out.println(r.files() + " " + r.bytes() + " " + r.failures());
            }
            case "summary" -> {
                ObjectNode s = Summaries.build(
                        Requests.image(request),
                        Invocations.parse(request.get("invocation")),
                        request.flag("orphans"),
                        Requests.skipped(request, "skipWalk"),
                        Requests.skipped(request, "skipOpen"),
                        progress);
                byte[] json = Jcs.canonicalBytes(s);
                System.out.write(json, 0, json.length);
                System.out.flush();
            }
            default -> throw new IllegalArgumentException("unknown worker command " + command);
        }
    }

    private static WritableByteChannel output(Path outFile) throws java.io.IOException {
        if (outFile == null) {
            return new FileOutputStream(FileDescriptor.out).getChannel();
        }
        return FileChannel.open(outFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Standard output closed by the program reading it (EPIPE). */
    private static boolean readerLeft(java.io.IOException e) {
        return "Broken pipe".equals(e.getMessage());
    }

    private static String describe(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Publishes the worker's position to the control file: cheap stores, no system calls. */
    private static final class Progress implements FileListing.Progress {
        private final ControlFile control;

        Progress(ControlFile control) {
            this.control = control;
        }

        @Override
        public void targets(int count) {
            control.targetCount(count);
        }

        @Override
        public void target(Target target) {
            control.target(target.index(), target.describe());
        }

        @Override
        public void directory(Entry directory) {
            byte[] parent = directory.parent();
            byte[] name = directory.name();
            byte[] path = new byte[parent.length + name.length];
            System.arraycopy(parent, 0, path, 0, parent.length);
            System.arraycopy(name, 0, path, parent.length, name.length);
            control.crumb(path);
        }
    }
}

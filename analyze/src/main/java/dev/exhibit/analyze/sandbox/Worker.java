package dev.exhibit.analyze.sandbox;

import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.core.ExhibitException;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** One worker JVM: starts it, relays its warnings, waits, and interprets how it ended. */
final class Worker {
    /** How a JVM ends on SIGINT and SIGTERM: 128 + the signal number. */
    private static final int EXIT_SIGINT = 130;

    private static final int EXIT_SIGTERM = 143;

    /** Lines of a dying process's own stderr (glibc, the JVM) kept for the message. */
    private static final int NATIVE_LINES_KEPT = 3;

    private Worker() {}

    /**
     * How a worker died: the signal, the file system and directory it had reached (from the control file) and what
     * the native code printed last.
     */
    record Crash(
            int exitStatus, int target, int targetCount, String where, byte[] directory, List<String> nativeLines) {
        /** Whether file systems remain after the one that crashed. */
        boolean more() {
            return target >= 0 && target + 1 < targetCount;
        }

        String describe(Path image) {
            StringBuilder b = new StringBuilder("libtsk crashed (").append(signal(exitStatus));
            if (!nativeLines.isEmpty()) {
                b.append(": ").append(Display.of(String.join(" ", nativeLines).strip()));
            }
            b.append(") analysing ").append(image);
            if (target >= 0) {
                b.append(", in ").append(where);
                if (directory.length > 0) {
                    b.append(", entering directory '")
                            .append(abbreviated(directory))
                            .append("' (")
                            .append(directory.length)
                            .append(" bytes)");
                } else {
                    b.append(", before its first directory");
                }
            }
            return b.toString();
        }
    }

    /** The stack trace of an unexpected exception in the worker, as it printed it. */
    static final class WorkerTrace extends RuntimeException {
        WorkerTrace(String trace) {
            super(trace, null, false, false);
        }
    }

    /** Bytes of a long directory path shown at each end in a message; the middle is elided. */
    static final int CRUMB_SHOWN_BYTES = 60;

    /** A path for a one-line message: whole when short, else its start and end around an elision mark. */
    static String abbreviated(byte[] path) {
        if (path.length <= 3 * CRUMB_SHOWN_BYTES) {
            return Display.of(path);
        }
        return Display.of(path, 0, CRUMB_SHOWN_BYTES) + "…"
                + Display.of(path, path.length - CRUMB_SHOWN_BYTES, CRUMB_SHOWN_BYTES);
    }

    /** A worker JVM that is starting or waiting for its request on stdin. */
    record Started(Process process, ControlFile control, boolean inheritsStdout) {
        /** Sends the request (NUL-separated: the command, then its arguments) and lets the worker go. */
        void send(String command, List<String> request) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(command.getBytes(StandardCharsets.UTF_8));
                for (String arg : request) {
                    in.write(0);
                    in.write(arg.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the worker is gone already (libtsk missing, say): its control file and exit status tell why
            }
        }

        /** Ends a worker that will get no request: it sees an empty request and exits. */
        void discard() {
            try {
                process.getOutputStream().close();
                process.waitFor();
                control.delete();
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts a worker JVM, which loads libtsk and then waits for its request on stdin. Its stdout is this process's own
     * ({@code inheritStdout}) or a pipe; stderr is always a pipe, for {@link #relay}.
     */
    static Started start(boolean inheritStdout) throws IOException {
        ControlFile control = ControlFile.create();
        try {
            ProcessBuilder pb = new ProcessBuilder(WorkerCommandLine.of(control.path()));
            // FAT keeps local times without a zone; libtsk converts them with mktime, i.e. by TZ: fix it to UTC
            pb.environment().put("TZ", "UTC");
            pb.redirectOutput(inheritStdout ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
            return new Started(pb.start(), control, inheritStdout);
        } catch (IOException | RuntimeException e) {
            control.delete();
            throw e;
        }
    }

    /**
     * Runs one command in {@code worker} (one started now, or earlier by {@link Sandbox#prestart}); returns {@code
     * null} when it succeeded, the crash when libtsk killed the worker.
     */
    static Crash run(Started worker, String command, List<String> request, Sandbox.Output out, Diagnostics diagnostics)
            throws IOException {
        try {
            List<String> args = new ArrayList<>();
            if (out instanceof Sandbox.Output.File f) {
                args.add("out=" + f.path());
            }
            args.addAll(request);
            worker.send(command, args);
            Process p = worker.process();
            Thread copier = null;
            if (!worker.inheritsStdout()) {
                OutputStream to = out instanceof Sandbox.Output.Stream s ? s.stream() : OutputStream.nullOutputStream();
                copier = Thread.ofPlatform().name("exhibit-worker-stdout").start(() -> copy(p, to));
            }
            List<String> nativeLines = relay(p, diagnostics);
            int exit = waitFor(p);
            if (copier != null) {
                join(copier);
            }
            return outcome(worker.control(), exit, out, nativeLines);
        } finally {
            worker.control().delete();
        }
    }

    private static Crash outcome(ControlFile control, int exit, Sandbox.Output out, List<String> nativeLines)
            throws IOException {
        if (control.valid() && control.state() == ControlFile.FINISHED && exit == 0) {
            return null;
        }
        if (control.valid() && control.state() == ControlFile.FAILED) {
            int status = control.exitStatus();
            for (ExhibitException.Kind kind : ExhibitException.Kind.values()) {
                if (kind.exitStatus() == status) {
                    throw new ExhibitException(kind, control.message());
                }
            }
            // an unexpected exception in the worker: its first line for the user, the whole trace for --debug
            String trace = control.message();
            throw new IllegalStateException(
                    "the analysis worker failed: " + trace.lines().findFirst().orElse(""), new WorkerTrace(trace));
        }
        deliver(control.pendingRecords(), out);
        if (exit == EXIT_SIGINT || exit == EXIT_SIGTERM) {
            // Ctrl-C reaches the whole process group: the worker was stopped, libtsk did not crash
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED,
                    "interrupted (" + signal(exit) + "); the output written so far is kept");
        }
        return new Crash(exit, control.target(), control.targetCount(), control.where(), control.crumb(), nativeLines);
    }

    /** Writes the records the worker completed but had not written out before it died. */
    private static void deliver(byte[] pending, Sandbox.Output out) throws IOException {
        if (pending.length == 0) {
            return;
        }
        switch (out) {
            case Sandbox.Output.ProcessStdout p -> {
                FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
                stdout.write(pending);
                stdout.flush();
            }
            case Sandbox.Output.Stream s -> s.stream().write(pending);
            case Sandbox.Output.File f -> Files.write(f.path(), pending, StandardOpenOption.APPEND);
        }
    }

    /** Forwards the worker's warning, problem and note lines as they come and keeps the last lines of anything else. */
    private static List<String> relay(Process p, Diagnostics diagnostics) throws IOException {
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(WorkerMain.WARNING_PREFIX)) {
                    diagnostics.warning(line.substring(WorkerMain.WARNING_PREFIX.length()));
                } else if (line.startsWith(WorkerMain.NOTE_PREFIX)) {
                    diagnostics.note(line.substring(WorkerMain.NOTE_PREFIX.length()));
                } else if (line.startsWith(WorkerMain.PROBLEM_PREFIX)) {
                    diagnostics.problem(line.substring(WorkerMain.PROBLEM_PREFIX.length()));
                } else if (!line.isBlank()) {
                    other.add(line);
                    if (other.size() > NATIVE_LINES_KEPT) {
                        other.removeFirst();
                    }
                }
            }
        }
        return other;
    }

    private static void copy(Process p, OutputStream to) {
        try {
            p.getInputStream().transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED, "interrupted; the analysis worker was stopped");
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String signal(int exitStatus) {
        if (exitStatus <= 128) {
            return "exit status " + exitStatus;
        }
        int sig = exitStatus - 128;
        String name = switch (sig) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 2 -> "SIGINT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + sig;
        };
        return name;
    }
}

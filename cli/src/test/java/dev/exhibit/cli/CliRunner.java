package dev.exhibit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real command line: in this JVM through {@link Main#execute}, or as a child JVM on the test class path for
 * tests that must signal, kill or time the process.
 */
final class CliRunner {
    private CliRunner() {}

    /** What one in-process run printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** What one in-process run wrote, standard output as the exact bytes. */
    record BytesResult(int exit, byte[] out, String err) {
        String text() {
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + text() + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code exhibit args} in this JVM, keeping standard output as bytes (listings hold raw names). */
    static BytesResult runBytes(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, out, new PrintWriter(err, true));
        return new BytesResult(exit, out.toByteArray(), err.toString());
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts {@code exhibit args} as a child JVM, with stdout and stderr going to the given files. */
    static Process spawn(List<String> args, Path stdout, Path stderr) throws IOException {
        return spawn(List.of(), args, stdout, stderr);
    }

    /**
     * Starts {@code exhibit args} as a child JVM run by {@code launcher} (e.g. {@code setpriv} with fewer
     * capabilities), with stdout and stderr going to the given files.
     */
    static Process spawn(List<String> launcher, List<String> args, Path stdout, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
    }
}

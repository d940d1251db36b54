package dev.exhibit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (an oracle such as sha256sum, fls or openssl) and captures what it printed. */
public final class Proc {
    private static final long TIMEOUT_MINUTES = 10;

    private Proc() {}

    /** The result of one run. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Fails with the command and what it printed unless it exited 0. */
        public Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (exit " + exitCode + "): " + command + "\nstdout:\n" + stdout
                        + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    public static Result run(String... command) {
        return run(null, List.of(command));
    }

    public static Result run(Path dir, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Path out = java.nio.file.Files.createTempFile("proc", ".out");
            Path err = java.nio.file.Files.createTempFile("proc", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out after " + TIMEOUT_MINUTES + " min: " + command);
            }
            String stdout = java.nio.file.Files.readString(out, StandardCharsets.ISO_8859_1);
            String stderr = java.nio.file.Files.readString(err, StandardCharsets.ISO_8859_1);
            java.nio.file.Files.delete(out);
            java.nio.file.Files.delete(err);
            return new Result(new ArrayList<>(command), p.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The first whitespace-separated field of the output, as sha256sum and friends print the digest. */
    public static String firstField(Result r) {
        return r.stdout().strip().split("\\s+")[0];
    }
}

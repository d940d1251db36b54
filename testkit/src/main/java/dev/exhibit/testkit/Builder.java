package dev.exhibit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the image recipes ({@code testdata/make-image.sh}) as a child process. */
final class Builder {
    record Result(int exitCode, String stdout, String stderr) {}

    private Builder() {}

    /** Builds one image into {@code outDir}; fails with the script's stderr when the recipe fails. */
    static void build(Path root, String name, Path outDir, Map<String, String> env) {
        List<String> command = List.of("bash", root.resolve(TestImages.SCRIPT).toString(), name, outDir.toString());
        Result r = run(root, command, env);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("building test image '" + name + "' failed (exit " + r.exitCode() + ", "
                    + String.join(" ", command) + "):\n" + r.stderr().strip());
        }
    }

    static Result run(Path root, List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("make-image", ".out");
            Path err = Files.createTempFile("make-image", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
                pb.environment().putAll(env);
                pb.redirectInput(
                        ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(TestImages.buildTimeoutMinutes(), TimeUnit.MINUTES)) {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    p.waitFor(30, TimeUnit.SECONDS);
                    throw new IllegalStateException("timed out after " + TestImages.buildTimeoutMinutes() + " min: "
                            + String.join(" ", command));
                }
                return new Result(
                        p.exitValue(),
                        new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}

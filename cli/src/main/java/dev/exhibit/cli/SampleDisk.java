package dev.exhibit.cli;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo's sample disk: built by the {@code demo} recipe of {@code testdata/make-image.sh} (the same one the tests
 * use, needing only dosfstools, mtools, fdisk and e2fsprogs), and offered as a read-only loop device when we may.
 */
final class SampleDisk {
    private static final long TIMEOUT_SECONDS = 300;

    private SampleDisk() {}

    /** What the demo acquires: a read-only loop device over the sample image, or the image file itself. */
    record Source(Path path, boolean device) implements AutoCloseable {
        String describe() {
            return device
                    ? "from " + path + ", a read-only loop device over the sample image"
                    : "from the image file " + path + " (not root: no loop device)";
        }

        @Override
        public void close() throws IOException {
            if (device) {
                exec(null, "losetup", "--detach", path.toString());
            }
        }
    }

    static Path build(Path into, PrintWriter out) throws IOException {
        Path script = home().resolve("testdata/make-image.sh");
        out.println("$ " + home().relativize(script) + " demo " + into);
        out.flush();
        Files.createDirectories(into);
        exec(null, script.toString(), "demo", into.toString());
        Path image = into.resolve("demo.img");
        out.println("  " + image + " (" + Files.size(image) + " bytes)");
        return image;
    }

    static Source attach(Path image, PrintWriter out) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/losetup"))) {
            return new Source(image, false);
        }
        String dev = exec(null, "losetup", "--find", "--show", "--read-only", image.toString())
                .strip();
        out.println("$ losetup --find --show --read-only " + image + "   # " + dev + ", kernel read-only flag set");
        return new Source(Path.of(dev), true);
    }

    /** The Exhibit source tree: set by the launcher, else found above the working directory. */
    private static Path home() {
        String set = System.getProperty("exhibit.home");
        if (set != null) {
            return Path.of(set);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("testdata/make-image.sh"))) {
                return d;
            }
        }
        throw new ExhibitException(
                ExhibitException.Kind.ENVIRONMENT,
                "the demo needs Exhibit's source tree (testdata/make-image.sh); run it as ./exhibit demo from there");
    }

    private static String exec(Path dir, String... command) throws IOException {
        Path log = Files.createTempFile("exhibit-demo", ".log");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new ExhibitException(
                        ExhibitException.Kind.ENVIRONMENT,
                        String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

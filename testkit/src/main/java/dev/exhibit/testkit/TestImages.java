package dev.exhibit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The generated test images, built on first use by {@code testdata/make-image.sh} into {@code testdata/out/NAME/}
 * and reused until the recipes change. Several test JVMs may ask at once: builds are serialised per image by a file
 * lock and published by an atomic rename. A failed build (a missing tool, no root for a mount) fails the test with
 * the script's own message; it never skips.
 *
 * <p>Images in the cache are shared: treat them as read-only evidence. A test that must change an image copies it
 * first ({@link #copy}).
 */
public final class TestImages {
    /** Directory of the cache below the repository root. */
    static final String CACHE_DIR = "testdata/out";

    /** System property naming another cache directory (the tests of this class use a private one). */
    static final String CACHE_PROPERTY = "exhibit.testdata.cache";

    static final String SCRIPT = "testdata/make-image.sh";
    private static final String STAMP_FILE = ".stamp";
    private static final long BUILD_TIMEOUT_MINUTES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> MONITORS = new ConcurrentHashMap<>();
    private static final Map<String, Path> READY = new ConcurrentHashMap<>();

    private TestImages() {}

    /** The image's primary file (the first segment of a split or EWF image), building it when needed. */
    public static Path get(String name) {
        Path dir = dir(name);
        return dir.resolve(facts(name).path("image").asText());
    }

    /** Every file of the image in order (one for most images; {@code .001}, {@code .002}... for split raw). */
    public static List<Path> segments(String name) {
        Path dir = dir(name);
        List<Path> out = new ArrayList<>();
        facts(name).path("segments").forEach(s -> out.add(dir.resolve(s.asText())));
        return List.copyOf(out);
    }

    /** What the recipe knows about the image: the parsed {@code NAME.facts.json} (schema in docs/testdata.md). */
    public static JsonNode facts(String name) {
        Path file = dir(name).resolve(name + ".facts.json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read facts " + file, e);
        }
    }

    /** Every image name the recipes know, in their documented order. */
    public static List<String> names() {
        Path root = repoRoot();
        Builder.Result r =
                Builder.run(root, List.of("bash", root.resolve(SCRIPT).toString(), "--list"), Map.of());
        if (r.exitCode() != 0) {
            throw new IllegalStateException(SCRIPT + " --list failed: " + r.stderr());
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Copies the image's files and facts into {@code target} (created), for a test that needs to modify them. */
    public static Path copy(String name, Path target) {
        Path dir = dir(name);
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("."))
                        .toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy image " + name + " to " + target, e);
        }
        return target.resolve(facts(name).path("image").asText());
    }

    /**
     * Builds the image afresh into {@code outDir}, bypassing the cache (for reproducibility checks). Returns the
     * directory.
     */
    public static Path buildInto(String name, Path outDir) {
        Builder.build(repoRoot(), name, outDir, Map.of());
        return outDir;
    }

    /** The cache directory holding the built image and its facts, building or rebuilding it when needed. */
    public static Path dir(String name) {
        Path ready = READY.get(name);
        if (ready != null) {
            return ready;
        }
        synchronized (MONITORS.computeIfAbsent(name, n -> new Object())) {
            ready = READY.get(name);
            if (ready == null) {
                ready = ensureBuilt(repoRoot(), cacheDir(), name);
                READY.put(name, ready);
            }
            return ready;
        }
    }

    static Path cacheDir() {
        String override = System.getProperty(CACHE_PROPERTY);
        return override != null ? Path.of(override) : repoRoot().resolve(CACHE_DIR);
    }

    /** Builds NAME into CACHE/NAME unless it is there and stamped with the current recipes. */
    static Path ensureBuilt(Path root, Path cache, String name) {
        Path target = cache.resolve(name);
        String stamp = recipeStamp(root);
        try {
            Files.createDirectories(cache.resolve(".locks"));
            try (FileChannel lockFile = FileChannel.open(
                            cache.resolve(".locks").resolve(name + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                if (isCurrent(target, stamp)) {
                    return target;
                }
                Path tmp = Files.createTempDirectory(cache, ".build-" + name + "-");
                try {
                    Builder.build(root, name, tmp, Map.of());
                    Files.writeString(tmp.resolve(STAMP_FILE), stamp);
                    if (Files.exists(target)) {
                        Path old = Files.createTempDirectory(cache, ".old-" + name + "-");
                        Files.move(target, old.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                        deleteTree(old);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteTree(tmp);
                }
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build test image " + name + " into " + target, e);
        }
    }

    private static boolean isCurrent(Path target, String stamp) throws IOException {
        Path stampFile = target.resolve(STAMP_FILE);
        return Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp);
    }

    /**
     * SHA-256 over the recipe sources (the entry script, {@code lib/} and {@code recipes/}): names and contents in
     * path order, so any edit to a recipe rebuilds the images.
     */
    static String recipeStamp(Path root) {
        Path testdata = root.resolve("testdata");
        MessageDigest md = HashAlgorithm.SHA256.newDigest();
        try (Stream<Path> walk = Stream.concat(
                Stream.of(testdata.resolve("make-image.sh")),
                Stream.of("lib", "recipes").flatMap(d -> walkFiles(testdata.resolve(d))))) {
            for (Path f : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
                md.update(testdata.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash recipes under " + testdata, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static Stream<Path> walkFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The repository root: the nearest directory at or above the working directory holding the script. */
    public static Path repoRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(SCRIPT))) {
                return p;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " at or above " + start);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static long buildTimeoutMinutes() {
        return BUILD_TIMEOUT_MINUTES;
    }
}

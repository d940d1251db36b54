package dev.exhibit.analyze.hashset;

import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Small real inputs for hash-set tests: files with seeded content, and the tools that list them run in a shell. */
final class Fixtures {
    static final Invocation INVOCATION = Invocation.of("exhibit", List.of("hashset", "import"));

    private Fixtures() {}

    /** {@code count} files of seeded random content (0 to 2 KiB) in {@code dir}, with awkward names among them. */
    static List<Path> files(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[random.nextInt(2048)];
            random.nextBytes(content);
            String name = switch (i % 4) {
                case 0 -> "plain-" + i + ".bin";
                case 1 -> "with space, comma " + i;
                case 2 -> "back\\slash-" + i;
                default -> "new\nline-" + i;
            };
            files.add(Files.write(dir.resolve(name), content));
        }
        return files;
    }

    /** Runs {@code script} with bash in {@code dir}; fails the test if it fails. Returns its stdout. */
    static String sh(Path dir, String script) {
        return Proc.run(dir, List.of("bash", "-c", "set -euo pipefail; " + script))
                .ok()
                .stdout();
    }

    /** The digests {@code tool} (md5sum, sha1sum, sha256sum) prints for every file in {@code dir}, lowercase hex. */
    static List<String> digests(Path dir, String tool) {
        List<String> result = new ArrayList<>();
        for (String line : sh(dir, "find . -type f -print0 | xargs -0 " + tool).split("\n")) {
            if (!line.isBlank()) {
                result.add(line.replaceFirst("^\\\\", "").split(" ")[0]);
            }
        }
        return result;
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static HashAlgorithm algorithmOf(String hex) {
        return Digests.ofHexLength(hex.length());
    }

    /** {@code count} seeded random digests of {@code width} bytes, as lowercase hex. */
    static List<String> randomHex(int count, int width, long seed) {
        Random random = new Random(seed);
        List<String> result = new ArrayList<>();
        byte[] b = new byte[width];
        for (int i = 0; i < count; i++) {
            random.nextBytes(b);
            result.add(HexFormat.of().formatHex(b));
        }
        return result;
    }
}

package dev.exhibit.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public test images kept beside the project ({@code shared/testimages/}, see its README), found from the working
 * directory upwards (a worktree sits deeper than the main checkout). Missing is a failure, never a skip.
 */
public final class SharedImages {
    private SharedImages() {}

    public static Path get(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testimages").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("test image " + name + " not found in any shared/testimages/ above "
                + Path.of("").toAbsolutePath());
    }
}

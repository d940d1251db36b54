package dev.exhibit.testkit;

import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proof that a command only read its evidence: the SHA-256, size and modification time of every file of an image,
 * taken before and compared after. Use it around every command that opens an image.
 *
 * {@snippet :
 * Unchanged before = Unchanged.of(TestImages.segments("mbr"));
 * run(...);
 * before.verify();
 * }
 */
public final class Unchanged {
    private record State(String sha256, long size, FileTime modified) {}

    private final Map<Path, State> states;

    private Unchanged(Map<Path, State> states) {
        this.states = states;
    }

    public static Unchanged of(List<Path> files) {
        Map<Path, State> states = new LinkedHashMap<>();
        for (Path f : files) {
            states.put(f, state(f));
        }
        return new Unchanged(states);
    }

    /** Throws an AssertionError naming each file whose content, size or modification time changed. */
    public void verify() {
        StringBuilder changes = new StringBuilder();
        states.forEach((file, before) -> {
            State after = state(file);
            if (!after.equals(before)) {
                changes.append("\n  ")
                        .append(file)
                        .append(": ")
                        .append(before)
                        .append(" -> ")
                        .append(after);
            }
        });
        if (!changes.isEmpty()) {
            throw new AssertionError("evidence was modified:" + changes);
        }
    }

    private static State state(Path f) {
        try {
            return new State(Sha256.ofFile(f), Files.size(f), Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

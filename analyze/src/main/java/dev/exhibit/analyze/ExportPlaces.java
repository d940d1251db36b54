package dev.exhibit.analyze;

import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an exported stream goes under {@code DEST/files/}: its path in the image made safe component by component
 * ({@link SafeNames}), a named stream beside its file as {@code NAME:STREAM} made safe ({@code notes.md%3AZone.Identifier}).
 * A path the host cannot hold (too long, or running into a file of the same name) goes to {@code _relocated/HASH/NAME}
 * instead, and a name already taken gets {@code .~INODE}: nothing is overwritten.
 */
final class ExportPlaces {
    /** Linux's PATH_MAX is 4,096 bytes with the NUL; leave room for the examiner's own tools. */
    static final int HOST_PATH_MAX_BYTES = 4000;

    /** Where files go whose path cannot be recreated on the host. */
    static final String RELOCATED = "_relocated";

    private ExportPlaces() {}

    /**
     * @param parent the parent path as libtsk gives it (relative, {@code /}-separated, ending in {@code /})
     * @param name the file's name
     * @param stream a named stream, or {@code null} for the file's default content
     * @param inode the address the stream is read from, for a name already taken
     */
    static Path place(Path base, byte[] parent, byte[] name, byte[] stream, String inode) throws IOException {
        Path dir = base;
        int start = 0;
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] == '/') {
                if (i > start) {
                    dir = dir.resolve(SafeNames.component(Arrays.copyOfRange(parent, start, i)));
                }
                start = i + 1;
            }
        }
        String safe = SafeNames.component(stream == null ? name : withStream(name, stream));
        try {
            if (dir.resolve(safe).toString().getBytes(StandardCharsets.UTF_8).length > HOST_PATH_MAX_BYTES) {
                throw new FileSystemException(dir.toString(), null, "path too long for the host");
            }
            Files.createDirectories(dir);
        } catch (FileSystemException x) {
            dir = base.resolve(RELOCATED).resolve(Sha256.hex(path(parent, name)).substring(0, 16));
            Files.createDirectories(dir);
        }
        Path file = dir.resolve(safe);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? dir.resolve(safe + ".~" + inode) : file;
    }

    /** {@code /} and the parent path and the name: the path in the image, from the root. */
    static byte[] path(byte[] parent, byte[] name) {
        byte[] out = new byte[1 + parent.length + name.length];
        out[0] = '/';
        System.arraycopy(parent, 0, out, 1, parent.length);
        System.arraycopy(name, 0, out, 1 + parent.length, name.length);
        return out;
    }

    static boolean relocated(Path file) {
        return file.getParent().getParent().getFileName().toString().equals(RELOCATED);
    }

    private static byte[] withStream(byte[] name, byte[] stream) {
        byte[] out = Arrays.copyOf(name, name.length + 1 + stream.length);
        out[name.length] = ':';
        System.arraycopy(stream, 0, out, name.length + 1, stream.length);
        return out;
    }
}

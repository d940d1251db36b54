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
 * A path longer than {@link #RELATIVE_PATH_MAX_BYTES} below the partition's directory, or running into a file of the
 * same name, goes to {@code _relocated/HASH/NAME} instead, and a name already taken gets {@code .~INODE}: nothing is
 * overwritten. The rule depends only on the walk, never on where DEST is, so a listing can name the files exactly as
 * an export of the same image writes them ({@link Names#inMemory}), for {@code --hashdeep}.
 */
final class ExportPlaces {
    /**
     * Longest path kept below the partition's directory. Linux's PATH_MAX (4,096 bytes with the NUL) leaves room for
     * DEST; hashdeep reads lines of at most 2,046 bytes, and a list row of such a path with its size, MD5, SHA-1 and
     * SHA-256 stays within them (measured with hashdeep 4.4: a row of 2,047 bytes is cut and fails the audit).
     */
    static final int RELATIVE_PATH_MAX_BYTES = 1800;

    /** Where files go whose path cannot be recreated on the host. */
    static final String RELOCATED = "_relocated";

    private ExportPlaces() {}

    /** The names given so far under one base: the export's files on disk, or a listing's memory of them. */
    interface Names {
        /** Makes (or notes) directory {@code dir}; false when a file of one of its names is in the way. */
        boolean directory(Path dir) throws IOException;

        /** Whether {@code file} is taken (by a file or a directory). */
        boolean taken(Path file);

        /** {@code file} is given now. */
        void took(Path file);

        /** The export's: directories are created, names are taken when they exist. */
        static Names onDisk() {
            return new Names() {
                @Override
                public boolean directory(Path dir) throws IOException {
                    try {
                        Files.createDirectories(dir);
                        return true;
                    } catch (FileSystemException e) {
                        return false;
                    }
                }

                @Override
                public boolean taken(Path file) {
                    return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
                }

                @Override
                public void took(Path file) {}
            };
        }

        /**
         * A listing's: 64-bit hashes of the paths given (eight bytes a name, whatever its length), so memory stays
         * small for millions of files; two paths alike in all 64 bits are a chance of one in 2^64.
         */
        static Names inMemory() {
            return new MemoryNames();
        }
    }

    /**
     * @param parent the parent path as libtsk gives it (relative, {@code /}-separated, ending in {@code /})
     * @param name the file's name
     * @param stream a named stream, or {@code null} for the file's default content
     * @param inode the address the stream is read from, for a name already taken
     */
    static Path place(Path base, byte[] parent, byte[] name, byte[] stream, String inode, Names names)
            throws IOException {
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
        int length = base.relativize(dir.resolve(safe)).toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > RELATIVE_PATH_MAX_BYTES || !names.directory(dir)) {
            dir = base.resolve(RELOCATED).resolve(Sha256.hex(path(parent, name)).substring(0, 16));
            if (!names.directory(dir)) {
                throw new FileSystemException(dir.toString(), null, "a file is in the way of the relocation directory");
            }
        }
        Path file = dir.resolve(safe);
        Path placed = names.taken(file) ? dir.resolve(safe + ".~" + inode) : file;
        names.took(placed);
        return placed;
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

package dev.exhibit.acquire;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory an acquisition writes into. It must not exist or must be empty: Exhibit never writes over evidence.
 * It also holds a small reserve file, deleted when the destination fills up, so that the log can still record the
 * failure and the map be saved on a full disk.
 */
final class OutputDirectory {
    static final String RESERVE_NAME = ".exhibit-reserve";
    /** Room for the last log records and the map on a full destination. */
    static final int RESERVE_BYTES = 4 << 20;

    private OutputDirectory() {}

    /** Creates {@code dir}, or checks that it is an empty directory. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw ExhibitException.usage("output " + dir + " exists and is not a directory");
            }
            // A directory holding only the reserve is one an acquire killed at its start left before writing anything.
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                    dir, p -> !p.getFileName().toString().equals(RESERVE_NAME))) {
                if (entries.iterator().hasNext()) {
                    throw ExhibitException.usage("output directory " + dir + " is not empty; Exhibit never writes"
                            + " over earlier work (to continue an interrupted acquisition: exhibit acquire --resume "
                            + dir + ")");
                }
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Writes the reserve file (real blocks, not a sparse hole), unless it is there whole already. */
    static void reserve(Path dir) throws IOException {
        Path reserve = dir.resolve(RESERVE_NAME);
        if (Files.exists(reserve) && Files.size(reserve) == RESERVE_BYTES) {
            return;
        }
        try (FileChannel ch = FileChannel.open(reserve, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(RESERVE_BYTES));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(reserve);
            throw e;
        }
    }

    /** Gives the reserve's space back, when the acquisition ends or the destination is full. */
    static void release(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(RESERVE_NAME));
    }
}

package dev.exhibit.acquire;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.chain.ChainedLog;
import java.io.IOException;
import java.nio.ByteBuffer;
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

    /**
     * Writes the reserve file (real blocks, not a sparse hole), unless it is there whole already. A destination without
     * room for it is refused before anything is written, and left as it was.
     */
    static void reserve(Path dir) throws IOException {
        Path reserve = dir.resolve(RESERVE_NAME);
        if (Files.exists(reserve) && Files.size(reserve) == RESERVE_BYTES) {
            return;
        }
        try (FileChannel ch = FileChannel.open(reserve, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // a write on a nearly full file system can be short without failing: only a whole reserve is one
            ByteBuffer zeros = ByteBuffer.allocate(RESERVE_BYTES);
            while (zeros.hasRemaining()) {
                ch.write(zeros, zeros.position());
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(reserve);
            throw ExhibitException.environment(
                    "no room in " + dir + " for the " + RESERVE_BYTES + "-byte reserve that keeps space for the log's"
                            + " last records (" + e.getMessage() + "); nothing was written: make room and run the"
                            + " command again",
                    e);
        }
    }

    /**
     * Undoes a start that could not write the log's first records (a destination too small even for those): the log
     * and the reserve go, so the directory is empty again and the same command can be run once there is room. They
     * hold no evidence yet: no byte of the source has been read.
     */
    static ExhibitException abandonStart(Path dir, ChainedLog log, IOException cause) {
        try {
            log.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(log.file());
            release(dir);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            return ExhibitException.environment(
                    "cannot write the first records of " + log.file() + " (" + cause.getMessage() + "), nor remove"
                            + " it again (" + e.getMessage() + "); nothing was acquired: empty " + dir
                            + " and run the command again",
                    cause);
        }
        return ExhibitException.environment(
                "cannot write the first records of " + log.file() + " (" + cause.getMessage() + "); nothing was"
                        + " acquired, and " + dir + " is empty again: make room and run the same command",
                cause);
    }

    /** Gives the reserve's space back, when the acquisition ends or the destination is full. */
    static void release(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(RESERVE_NAME));
    }
}

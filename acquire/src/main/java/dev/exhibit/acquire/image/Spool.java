package dev.exhibit.acquire.image;

import dev.exhibit.core.posix.NativeFd;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes an E01 cannot take yet: those read after a skipped area (an E01 only grows at its end), and fills that a
 * retry may still replace. They wait at their own image offset in a sparse scratch file, so it takes disk space only
 * for what it holds and memory not at all, until the gap before them is resolved and they are read back, hashed and
 * appended. It is scratch: deleted when the image is closed, and never trusted by a resume.
 */
final class Spool implements AutoCloseable {
    /** Hidden, like the reserve: it is not part of the evidence and goes away at the end of the run. */
    static final String FILE_NAME = ".exhibit-e01-spool";

    private final Path file;
    private NativeFd fd;

    private Spool(Path file) {
        this.file = file;
    }

    /** A spool in {@code directory}; the file is created on the first write, since most runs never need one. */
    static Spool in(Path directory) {
        return new Spool(directory.resolve(FILE_NAME));
    }

    Path file() {
        return file;
    }

    synchronized void write(long byteOffset, MemorySegment data) throws IOException {
        ImageFiles.writeFully(open(), data, byteOffset, byteOffset);
    }

    /** Reads bytes spooled at {@code byteOffset}; returns how many, fewer only past the last byte spooled. */
    synchronized long read(long byteOffset, MemorySegment into) throws IOException {
        if (fd == null) {
            return 0;
        }
        long done = 0;
        while (done < into.byteSize()) {
            long n = fd.pread(into.asSlice(done), byteOffset + done);
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    synchronized void sync() throws IOException {
        if (fd != null) {
            fd.fsync();
        }
    }

    /** Closes and deletes the spool: what it held is in the E01, or will be read from the source again. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (fd != null) {
                fd.close();
                fd = null;
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private NativeFd open() throws IOException {
        if (fd == null) {
            // an earlier run's spool is stale (a resume reads past the E01's end from the source): start empty
            Files.deleteIfExists(file);
            fd = NativeFd.create(file, NativeFd.O_RDWR | NativeFd.O_CREAT | NativeFd.O_EXCL, 0600);
        }
        return fd;
    }
}

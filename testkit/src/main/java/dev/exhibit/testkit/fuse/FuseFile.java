package dev.exhibit.testkit.fuse;

import java.lang.foreign.MemorySegment;

/** The one read-only file a {@link FuseServer} serves. Called from several server threads at once. */
public interface FuseFile {

    long sizeBytes();

    /**
     * Fills {@code destination} with the file's bytes from {@code byteOffset} on and returns how many it wrote: the
     * whole segment, or less only at the end of the file.
     *
     * @throws ReadFault to fail this read with an errno (EIO for an unreadable sector)
     */
    int read(long byteOffset, MemorySegment destination) throws ReadFault;

    /** A read the file refuses, with the errno the reader sees. */
    final class ReadFault extends Exception {
        private final int errno;

        public ReadFault(int errno, String message) {
            super(message, null, false, false);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }
}

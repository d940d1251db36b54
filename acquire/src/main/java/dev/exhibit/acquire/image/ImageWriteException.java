package dev.exhibit.acquire.image;

import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import java.io.IOException;

/** A write to an image file failed; carries the image byte offset and whether the destination is full. */
public final class ImageWriteException extends IOException {
    private final String file;
    private final long imageByteOffset;
    private final int errno;

    ImageWriteException(String file, long imageByteOffset, PosixException cause) {
        super(
                (cause.errno() == NativeFd.ENOSPC ? "destination full" : "cannot write the image") + ": " + file
                        + " at image byte " + imageByteOffset + " (" + cause.getMessage() + ")",
                cause);
        this.file = file;
        this.imageByteOffset = imageByteOffset;
        this.errno = cause.errno();
    }

    /**
     * A write into an E01 set failed: {@code file} is the segment being written, {@code mediaByteOffset} the first
     * media byte of the chunks being appended. The E01 writer reports through Java's channels, which give the
     * system's message rather than errno.
     */
    ImageWriteException(String file, long mediaByteOffset, IOException cause) {
        super(
                (full(cause) ? "destination full" : "cannot write the image") + ": " + file + " at image byte "
                        + mediaByteOffset + " (" + cause.getMessage() + ")",
                cause);
        this.file = file;
        this.imageByteOffset = mediaByteOffset;
        this.errno = full(cause) ? NativeFd.ENOSPC : 0;
    }

    private static boolean full(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    public String file() {
        return file;
    }

    public long imageByteOffset() {
        return imageByteOffset;
    }

    public boolean destinationFull() {
        return errno == NativeFd.ENOSPC || errno == 122; // EDQUOT: a quota is as full as a disk
    }
}

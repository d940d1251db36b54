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

package dev.exhibit.core.posix;

import java.io.IOException;

/** A failed libc call, carrying the call, its subject (a path) and errno. */
public final class PosixException extends IOException {
    private final int errno;

    PosixException(String call, String subject, int errno) {
        super(subject + ": " + call + " failed: " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}

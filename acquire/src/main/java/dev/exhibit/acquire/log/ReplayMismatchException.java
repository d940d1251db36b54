package dev.exhibit.acquire.log;

import java.io.IOException;

/** On resume, the image no longer holds what a logged window says: the replay stops at that window. */
public final class ReplayMismatchException extends IOException {
    private final long index;
    private final long byteOffset;

    ReplayMismatchException(long index, long byteOffset, long lengthBytes, String logged, String actual) {
        super("window " + index + " (image bytes " + byteOffset + " to " + (byteOffset + lengthBytes - 1)
                + ") was logged with SHA-256 " + logged + " but the image now gives " + actual);
        this.index = index;
        this.byteOffset = byteOffset;
    }

    public long index() {
        return index;
    }

    public long byteOffset() {
        return byteOffset;
    }
}

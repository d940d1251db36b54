package dev.exhibit.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad structure in an image container other than EWF (DMG, QCOW2, ...): the message names the file, the structure, its
 * byte offset in the file and what was wrong, so the CLI can print it as one line.
 */
public class MediaFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public MediaFormatException(String message) {
        super(message);
    }

    public MediaFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code FILE: STRUCTURE at byte OFFSET: WHAT} (the file name only, as users name the image). */
    public static MediaFormatException at(Path file, String structure, long byteOffset, String what) {
        return new MediaFormatException(where(file, structure, byteOffset) + ": " + what);
    }

    /** As {@link #at(Path, String, long, String)}, keeping the codec's own exception as the cause. */
    public static MediaFormatException at(Path file, String structure, long byteOffset, String what, Throwable cause) {
        return new MediaFormatException(where(file, structure, byteOffset) + ": " + what, cause);
    }

    public static String where(Path file, String structure, long byteOffset) {
        String name = file == null ? "?" : String.valueOf(file.getFileName());
        return name + ": " + structure + " at byte " + byteOffset;
    }
}

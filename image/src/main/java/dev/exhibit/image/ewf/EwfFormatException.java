package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;

/** Bad structure in an EWF file: the message names the file, the section, the byte offset and the wrong value. */
public final class EwfFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public EwfFormatException(String message) {
        super(message);
    }

    public EwfFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code FILE: SECTION section at byte OFFSET: WHAT} (the file name only, as users name segment files). */
    static EwfFormatException at(Path file, String section, long byteOffset, String what) {
        return new EwfFormatException(where(file, section, byteOffset) + ": " + what);
    }

    static String where(Path file, String section, long byteOffset) {
        String name = file == null ? "?" : String.valueOf(file.getFileName());
        return section == null
                ? name + " at byte " + byteOffset
                : name + ": '" + section + "' section at byte " + byteOffset;
    }
}

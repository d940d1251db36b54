package dev.exhibit.analyze.tsk;

import dev.exhibit.core.ExhibitException;

/**
 * A libtsk failure, with where it happened: the image, the structure libtsk was reading and its byte offset in the
 * image, plus libtsk's own message, read on the failing thread right after the call. Damaged or unrecognised evidence
 * is {@link Kind#EVIDENCE} (exit status 1); an image that cannot be opened for reading is {@link Kind#ENVIRONMENT}.
 */
public final class TskException extends ExhibitException {
    /** Marks "no byte offset applies". */
    public static final long NO_OFFSET = -1;

    private final String image;
    private final String structure;
    private final long byteOffset;
    private final String tskMessage;

    public TskException(Kind kind, String image, String structure, long byteOffset, String what, String tskMessage) {
        super(kind, describe(image, structure, byteOffset, what, tskMessage));
        this.image = image;
        this.structure = structure;
        this.byteOffset = byteOffset;
        this.tskMessage = tskMessage;
    }

    /** Builds the exception from libtsk's error state on this thread, then clears that state. */
    public static TskException fromLibtsk(Kind kind, String image, String structure, long byteOffset, String what) {
        String message = Calls.errorText();
        Calls.errorReset();
        return new TskException(kind, image, structure, byteOffset, what, message);
    }

    public String image() {
        return image;
    }

    /** What was being read: {@code image}, {@code volume system}, {@code file system}, {@code file}. */
    public String structure() {
        return structure;
    }

    /** Byte offset of the structure in the image, or {@link #NO_OFFSET}. */
    public long byteOffset() {
        return byteOffset;
    }

    /** libtsk's message, or {@code null} when libtsk set none. */
    public String tskMessage() {
        return tskMessage;
    }

    private static String describe(String image, String structure, long byteOffset, String what, String tskMessage) {
        StringBuilder b = new StringBuilder(image).append(": ").append(structure);
        if (byteOffset != NO_OFFSET) {
            b.append(" at byte offset ").append(byteOffset);
        }
        b.append(": ").append(what);
        if (tskMessage != null && !tskMessage.isBlank()) {
            // libtsk's texts may carry newlines; the user gets one line
            b.append(" (libtsk: ")
                    .append(tskMessage.strip().replaceAll("\\s+", " "))
                    .append(')');
        }
        return b.toString();
    }
}

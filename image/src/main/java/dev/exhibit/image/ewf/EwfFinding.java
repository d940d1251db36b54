package dev.exhibit.image.ewf;

import java.nio.file.Path;

/**
 * One thing a verification found wrong (ERROR) or worth knowing (WARNING), with where it is.
 *
 * @param segment the segment file, or null for the set as a whole
 * @param section the section type ({@code table2}, {@code sectors}...), or null
 * @param fileByteOffset byte offset in the segment file, or -1
 * @param chunk media chunk index, or -1 if none
 * @param mediaFirstByte first media byte concerned, or -1
 * @param mediaEndByte the media byte after the range concerned, or -1
 */
public record EwfFinding(
        Severity severity,
        Path segment,
        String section,
        long fileByteOffset,
        long chunk,
        long mediaFirstByte,
        long mediaEndByte,
        String message) {
    public enum Severity {
        ERROR,
        WARNING
    }

    /** One line for people: severity, file, section, offset, chunk and media range where known, then the message. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(severity.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
        if (segment != null) {
            s.append(segment.getFileName());
            if (section != null) {
                s.append(": '").append(section).append("' section");
            }
            if (fileByteOffset >= 0) {
                s.append(" at byte ").append(fileByteOffset);
            }
            s.append(": ");
        }
        if (chunk >= 0) {
            s.append("chunk ").append(chunk).append(' ');
        }
        if (mediaFirstByte >= 0) {
            s.append("(media bytes ")
                    .append(mediaFirstByte)
                    .append("..")
                    .append(mediaEndByte - 1)
                    .append(") ");
        }
        return s.append(message).toString();
    }
}

package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads an error2 section's ranges, checking both checksums; a bad section gives an error and no ranges. */
final class Error2Reader {
    /** A million unreadable runs is beyond any real acquisition; more is a corrupt count. */
    static final long MAX_ENTRIES = 1 << 20;

    private Error2Reader() {}

    static List<SectorRange> read(
            Path file, SectionDescriptor d, long payloadBytes, Findings findings, SegmentChannels channels)
            throws IOException {
        long at = d.fileOffset() + SectionDescriptor.BYTES;
        if (payloadBytes < Error2Section.HEADER_BYTES) {
            findings.error(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "payload is " + payloadBytes + " bytes, less than its " + Error2Section.HEADER_BYTES
                            + "-byte header");
            return List.of();
        }
        byte[] header = channels.read(file, d.type(), at, Error2Section.HEADER_BYTES);
        if (!Bytes.adlerMatches(header, 0, Error2Section.HEADER_BYTES - 4)) {
            findings.error(file, d.type(), d.fileOffset(), "header checksum mismatch: the error list is not used");
            return List.of();
        }
        long n = Error2Section.entryCount(header);
        long need = Error2Section.HEADER_BYTES + n * Error2Section.ENTRY_BYTES + 4;
        if (n > MAX_ENTRIES || need > payloadBytes) {
            findings.error(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "counts " + n + " entries, which do not fit its " + payloadBytes + " bytes");
            return List.of();
        }
        byte[] entries = channels.read(
                file, d.type(), at + Error2Section.HEADER_BYTES, (int) (n * Error2Section.ENTRY_BYTES + 4));
        if (!Bytes.adlerMatches(entries, 0, entries.length - 4)) {
            findings.error(file, d.type(), d.fileOffset(), "entries checksum mismatch: the error list is not used");
            return List.of();
        }
        try {
            return Error2Section.decode(
                    file, at + Error2Section.HEADER_BYTES, java.util.Arrays.copyOf(entries, entries.length - 4));
        } catch (EwfFormatException e) {
            findings.error(file, d.type(), d.fileOffset(), e.getMessage());
            return List.of();
        }
    }
}

package dev.exhibit.image.ewf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What every segment file starts with, fixed by the header and layout: the file header, then in segment 1 header2,
 * header2, header and volume, in later segments data. Resume compares these bytes to tell its own set from another.
 */
final class SegmentPrefix {
    private final byte[] header2;
    private final byte[] header;
    private final byte[] volume;

    SegmentPrefix(EwfLayout layout, EwfHeader header) {
        this.header2 = HeaderTexts.header2(header);
        this.header = HeaderTexts.header(header);
        this.volume = VolumeSection.encode(layout, setGuid(layout, header));
    }

    /**
     * The set GUID, derived (an RFC 4122 name-based UUID) from every header field and the layout, so the same
     * acquisition always gets the same GUID and no randomness enters the files. Two acquisitions differ at least in
     * their acquisition time.
     */
    static UUID setGuid(EwfLayout layout, EwfHeader h) {
        String name = String.join(
                "\u0000",
                "exhibit-e01-set",
                String.valueOf(h.caseNumber()),
                String.valueOf(h.evidenceNumber()),
                String.valueOf(h.examiner()),
                String.valueOf(h.description()),
                String.valueOf(h.notes()),
                String.valueOf(h.model()),
                String.valueOf(h.serialNumber()),
                String.valueOf(h.acquired()),
                String.valueOf(h.system()),
                String.valueOf(h.operatingSystem()),
                String.valueOf(h.toolVersion()),
                layout.toString());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The volume (and data) payload. */
    byte[] volume() {
        return volume;
    }

    /** The first bytes of segment {@code number}, ending where its first chunk group starts. */
    byte[] bytes(int number) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FileHeader.encode(number));
        if (number == 1) {
            section(out, SectionDescriptor.HEADER2, header2);
            section(out, SectionDescriptor.HEADER2, header2);
            section(out, SectionDescriptor.HEADER, header);
            section(out, SectionDescriptor.VOLUME, volume);
        } else {
            section(out, SectionDescriptor.DATA, volume);
        }
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, String type, byte[] payload) {
        long at = out.size();
        long size = SectionDescriptor.BYTES + (long) payload.length;
        out.writeBytes(SectionDescriptor.encode(type, at + size, size));
        out.writeBytes(payload);
    }
}

package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The header2 and header sections of a set: their main fields, and whether the copies agree. */
final class Headers {
    /** Fields both texts carry; they must say the same. */
    private static final List<String> SHARED = List.of("c", "n", "a", "e", "t", "av", "ov");

    private final Findings findings;
    private final SegmentChannels channels;
    private Map<String, String> header2;
    private byte[] header2Text;
    private Map<String, String> header;

    Headers(Findings findings, SegmentChannels channels) {
        this.findings = findings;
        this.channels = channels;
    }

    void section(Path file, SectionDescriptor d, long payloadBytes) throws IOException {
        if (payloadBytes > SetContents.MAX_HEADER_SECTION_BYTES) {
            findings.error(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "payload of " + payloadBytes + " bytes is larger than " + SetContents.MAX_HEADER_SECTION_BYTES
                            + "; not read");
            return;
        }
        byte[] stream = channels.read(file, d.type(), d.fileOffset() + SectionDescriptor.BYTES, (int) payloadBytes);
        String[] why = new String[1];
        byte[] text = HeaderFields.inflate(stream, why);
        if (text == null) {
            findings.error(file, d.type(), d.fileOffset(), why[0]);
            return;
        }
        Map<String, String> fields = HeaderFields.main(HeaderFields.decode(text));
        if (fields.isEmpty()) {
            findings.warning(file, d.type(), d.fileOffset(), "text has no 'main' category");
        }
        if (d.type().equals(SectionDescriptor.HEADER2)) {
            if (header2 == null) {
                header2 = fields;
                header2Text = text;
            } else if (!Arrays.equals(header2Text, text)) {
                findings.error(file, d.type(), d.fileOffset(), "this copy differs from the first header2");
            }
        } else if (header == null) {
            header = fields;
        }
    }

    /** header2's fields when it was readable, else header's, else none. */
    Map<String, String> fields() {
        return header2 != null ? header2 : header != null ? header : Map.of();
    }

    void finish(Path first) {
        if (header2 == null && header == null) {
            findings.warning(first, null, -1, "no readable header2 or header section: no case metadata");
            return;
        }
        if (header2 == null || header == null) {
            return;
        }
        for (String code : SHARED) {
            String a = header2.get(code);
            String b = header.get(code);
            // header holds a code page: what header2 has beyond ASCII may legitimately differ there.
            if (a != null && b != null && !a.equals(b) && a.chars().allMatch(c -> c < 0x80)) {
                findings.warning(
                        first,
                        SectionDescriptor.HEADER,
                        -1,
                        "field '" + code + "' is '" + HeaderFields.visible(b) + "' in header but '"
                                + HeaderFields.visible(a) + "' in header2");
            }
        }
    }
}

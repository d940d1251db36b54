package dev.exhibit.analyze.output;

import dev.exhibit.analyze.content.MediaTypes;
import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;

/**
 * The members JSON Lines adds to a data stream's record when the listing reads content (docs/analyze.md): one per
 * digest asked ({@code "md5"}), what could not be read, whether the content may be another file's, and the media
 * type. Records without content get none of them.
 */
final class JsonContent {
    private JsonContent() {}

    static void write(ByteOut out, StreamContent c) throws IOException {
        if (c == null) {
            return;
        }
        for (HashAlgorithm a : c.algorithms()) {
            out.ascii(",\"").ascii(a.id()).ascii("\":\"").ascii(c.hex(a)).write('"');
        }
        if (!c.algorithms().isEmpty()) {
            out.ascii(",\"hashedBytes\":").decimal(c.bytes());
        }
        if (c.hashSets() != null) {
            // set names are letters, digits, '.', '_' and '-' (HashSetStore): nothing to escape
            out.ascii(",\"hashsets\":[");
            for (int i = 0; i < c.hashSets().size(); i++) {
                out.ascii(i == 0 ? "\"" : ",\"")
                        .ascii(c.hashSets().get(i).name())
                        .write('"');
            }
            out.write(']');
        }
        out.ascii(",\"unreadable\":[");
        boolean first = true;
        for (StreamContent.Unreadable u : c.unreadable()) {
            out.ascii(first ? "{\"byteOffset\":" : ",{\"byteOffset\":").decimal(u.byteOffset());
            out.ascii(",\"lengthBytes\":").decimal(u.lengthBytes()).ascii(",\"reason\":");
            text(out, u.reason());
            out.write('}');
            first = false;
        }
        out.ascii("],\"contentMayBeReused\":").ascii(Boolean.toString(c.mayBeReused()));
        out.ascii(",\"reusedBytes\":").decimal(c.reusedBytes());
        MediaTypes.Detection t = c.type();
        if (t != null) {
            out.ascii(",\"mediaType\":");
            text(out, t.mediaType());
            out.ascii(",\"extensionMediaType\":");
            text(out, t.extensionType());
            out.ascii(",\"extensionMismatch\":").ascii(Boolean.toString(t.extensionMismatch()));
        }
    }

    private static void text(ByteOut out, String s) throws IOException {
        if (s == null) {
            out.ascii("null");
        } else {
            byte[] b = bytes(s);
            Display.writeJson(out, b, 0, b.length);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.exhibit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** How fls shows a facts entry, and libtsk's walk limits, both stated once. */
final class FactsPaths {
    /** libtsk's directory walk keeps the parent path in a 4096-byte buffer ({@code DIR_STRSZ}, fs_dir.c). */
    static final int TSK_PATH_BUFFER_BYTES = 4096;

    /** libtsk's directory walk enters at most 128 levels ({@code MAX_DEPTH}, fs_dir.c). */
    static final int TSK_MAX_DEPTH = 128;

    private FactsPaths() {}

    /** The raw path bytes as an ISO-8859-1 string, with C0 controls shown as '^' as fls prints them. */
    static String flsPath(JsonNode entry) {
        byte[] raw = HexFormat.of().parseHex(entry.path("path_hex").asText());
        for (int i = 0; i < raw.length; i++) {
            if ((raw[i] & 0xff) < 0x20) {
                raw[i] = '^';
            }
        }
        String path = new String(raw, StandardCharsets.ISO_8859_1);
        return entry.has("stream") ? path + ":" + entry.path("stream").asText() : path;
    }

    /**
     * Whether libtsk's walk reaches the entry: it lists the content of a directory only if the directory's path is
     * shorter than the path buffer and the directory is at most {@value #TSK_MAX_DEPTH} levels deep, and says so only
     * in verbose mode.
     */
    static boolean visibleToTsk(JsonNode entry) {
        byte[] raw = HexFormat.of().parseHex(entry.path("path_hex").asText());
        int lastSlash = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '/') {
                lastSlash = i;
            }
        }
        int parentBytes = Math.max(lastSlash, 0);
        int parentDepth = entry.path("depth").asInt() - 1;
        return parentBytes < TSK_PATH_BUFFER_BYTES && parentDepth <= TSK_MAX_DEPTH;
    }

    /** The path with the first character of its last name replaced (FAT's deleted-entry marker). */
    static String withFirstCharOfName(String path, char c) {
        int start = path.lastIndexOf('/') + 1;
        return path.substring(0, start) + c + path.substring(start + 1);
    }
}

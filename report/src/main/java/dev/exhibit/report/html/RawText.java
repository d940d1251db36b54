package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;

/**
 * A name from another stage's output, shown from its exact bytes when the output carries them. A string {@code x}
 * with a base64 sibling {@code xBytes} (the analyze stage's convention) or {@code xBase64} is shown from those raw
 * bytes, so a name that is not UTF-8 shows its invalid bytes as badges ({@code ⟨0xFF⟩}) instead of replacement
 * characters; the base64 itself is never shown.
 */
final class RawText {
    /** Suffixes of a member holding, in base64, the raw bytes of the member named without it. */
    static final List<String> RAW_SUFFIXES = List.of("Bytes", "Base64");

    private RawText() {}

    /**
     * The member {@code name} of {@code n} for display: from its raw bytes when a base64 sibling carries them, else the
     * string itself; empty when absent or null.
     */
    static HtmlText of(JsonNode n, String name) {
        JsonNode v = n.path(name);
        if (!v.isTextual()) {
            return HtmlText.of(v.isMissingNode() || v.isNull() ? "" : v.asText());
        }
        for (String suffix : RAW_SUFFIXES) {
            JsonNode raw = n.get(name + suffix);
            if (raw != null && raw.isTextual()) {
                return decode(raw.asText(), v.asText());
            }
        }
        return HtmlText.of(v.asText());
    }

    /** The raw bytes behind a display string, or the display string when the base64 is not valid. */
    static HtmlText decode(String base64, String display) {
        try {
            return HtmlText.ofUtf8(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return HtmlText.of(display);
        }
    }
}

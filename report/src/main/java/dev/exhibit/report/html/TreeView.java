package dev.exhibit.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Any JSON (an analysis summary, a device description) as a tree the template draws as nested lists, every key and
 * value as escaped {@link HtmlText}. A string {@code x} with a base64 sibling {@code xBytes} (the analyze stage's
 * convention) or {@code xBase64} is shown from those raw bytes, so a name that is not UTF-8 shows its invalid bytes
 * as badges instead of replacement characters or escape sequences.
 *
 * @param key the member name or array index, empty at the root
 * @param value the scalar value, or empty for objects and arrays
 * @param children members or elements, in order
 */
public record TreeView(HtmlText key, HtmlText value, List<TreeView> children) {
    /** A summary larger than this many nodes is cut short in the HTML; record.json keeps all of it. */
    public static final int MAX_NODES = 5000;

    public static TreeView of(JsonNode root) {
        int[] budget = {MAX_NODES};
        return node(HtmlText.of(""), root, budget);
    }

    public boolean leaf() {
        return children.isEmpty();
    }

    private static TreeView node(HtmlText key, JsonNode n, int[] budget) {
        budget[0]--;
        if (!n.isContainerNode()) {
            return new TreeView(key, HtmlText.of(n.isNull() ? "null" : n.asText()), List.of());
        }
        List<TreeView> children = new ArrayList<>();
        int index = 0;
        int total = n.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = entries(n); it.hasNext(); index++) {
            if (budget[0] <= 0) {
                children.add(new TreeView(
                        HtmlText.of("…"),
                        HtmlText.of((total - index) + " more entries not shown; see record.json"),
                        List.of()));
                break;
            }
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode raw = n.isObject() ? n.get(e.getKey() + "Base64") : null;
            if (raw != null && raw.isTextual() && e.getValue().isTextual()) {
                budget[0]--;
                children.add(new TreeView(
                        HtmlText.of(e.getKey()),
                        decodeRaw(raw.asText(), e.getValue().asText()),
                        List.of()));
            } else {
                children.add(node(HtmlText.of(e.getKey()), e.getValue(), budget));
            }
        }
        return new TreeView(key, HtmlText.of(n.isArray() ? "list of " + total : ""), children);
    }

    /** Suffixes of a member holding, in base64, the raw bytes of the member named without it. */
    static final List<String> RAW_SUFFIXES = List.of("Bytes", "Base64");

    /**
     * The member {@code name} of {@code n} for display: from its raw bytes when a base64 sibling carries them, else the
     * string itself; empty when absent or null.
     */
    static HtmlText text(JsonNode n, String name) {
        JsonNode v = n.path(name);
        if (!v.isTextual()) {
            return HtmlText.of(v.isMissingNode() || v.isNull() ? "" : v.asText());
        }
        JsonNode raw = rawSibling(n, name);
        return raw == null ? HtmlText.of(v.asText()) : decodeRaw(raw.asText(), v.asText());
    }

    private static JsonNode rawSibling(JsonNode n, String name) {
        for (String suffix : RAW_SUFFIXES) {
            JsonNode raw = n.get(name + suffix);
            if (raw != null && raw.isTextual()) {
                return raw;
            }
        }
        return null;
    }

    /** The raw bytes behind a display string, or the display string when the base64 is not valid. */
    static HtmlText decodeRaw(String base64, String display) {
        try {
            return HtmlText.ofUtf8(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return HtmlText.of(display);
        }
    }

    private static Iterator<Map.Entry<String, JsonNode>> entries(JsonNode n) {
        if (n.isObject()) {
            return n.fields();
        }
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            list.add(Map.entry(Integer.toString(i), n.get(i)));
        }
        return list.iterator();
    }
}

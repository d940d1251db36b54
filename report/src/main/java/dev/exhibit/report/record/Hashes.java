package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hash entries of one evidence item, each with its scope, when it was computed and its verdict:
 *
 * <ul>
 *   <li>{@code acquired}: computed over the bytes read from the source as the image was written. Verdict {@code match}
 *       when every later re-read with that algorithm gave the same value, {@code mismatch} when one did not,
 *       {@code not-checked} when nothing was re-read;
 *   <li>{@code image-reread}, {@code source-reread}: computed by {@code exhibit verify} re-reading the image or the
 *       source; verdict against the acquired value of the same algorithm.
 * </ul>
 */
public final class Hashes {
    public static final String MATCH = "match";
    public static final String MISMATCH = "mismatch";
    public static final String NOT_CHECKED = "not-checked";

    private Hashes() {}

    static ArrayNode entries(JsonNode end, List<JsonNode> verifications) {
        Map<String, String> acquired = new LinkedHashMap<>();
        if (end != null) {
            end.path("hashes")
                    .properties()
                    .forEach(e -> acquired.put(e.getKey(), e.getValue().asText()));
        }
        ArrayNode out = Jcs.mapper().createArrayNode();
        for (Map.Entry<String, String> a : acquired.entrySet()) {
            String verdict = NOT_CHECKED;
            for (JsonNode v : verifications) {
                JsonNode again = v.path("hashes").get(a.getKey());
                if (again != null) {
                    if (!again.asText().equals(a.getValue())) {
                        verdict = MISMATCH;
                        break;
                    }
                    verdict = MATCH;
                }
            }
            out.add(entry(
                    "acquired", a.getKey(), a.getValue(), end.path("ended").asText(EvidenceItems.UNKNOWN), verdict));
        }
        for (JsonNode v : verifications) {
            String scope = v.path("scope").asText(EvidenceItems.UNKNOWN) + "-reread";
            v.path("hashes").properties().forEach(e -> {
                String value = e.getValue().asText();
                String expected = acquired.get(e.getKey());
                String verdict = expected == null ? NOT_CHECKED : expected.equals(value) ? MATCH : MISMATCH;
                out.add(entry(scope, e.getKey(), value, v.path("time").asText(EvidenceItems.UNKNOWN), verdict));
            });
        }
        return out;
    }

    private static ObjectNode entry(String scope, String algorithm, String value, String computedAt, String verdict) {
        ObjectNode n = Jcs.object();
        n.put("scope", scope);
        n.put("algorithm", algorithm);
        n.put("value", value);
        n.put("computedAt", computedAt);
        n.put("verdict", verdict);
        return n;
    }
}

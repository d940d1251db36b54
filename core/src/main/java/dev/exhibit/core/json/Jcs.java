package dev.exhibit.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JCS) canonical JSON. Every chained log line and every signed record is written in this form, so that
 * anyone who re-parses and re-serialises a record can canonicalise it again and get the same bytes and hash.
 *
 * <p>Jackson builds the tree; the erdtman JCS library produces the canonical bytes, because Jackson neither sorts
 * {@code ObjectNode} fields nor formats numbers as ECMAScript does.
 */
public final class Jcs {
    /**
     * The largest integer a JSON number can carry without loss (2^53 - 1), since JCS readers use IEEE doubles. Larger
     * values (inode numbers, for one) must be written as strings.
     */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jcs() {}

    /** A shared, configured mapper for reading records and building trees. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The canonical UTF-8 bytes of {@code node}, after checking that every integer fits {@link #MAX_SAFE_INTEGER}. */
    public static byte[] canonicalBytes(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonNode node) {
        requireSafeNumbers(node, "$");
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record cannot be serialised: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code utf8} is exactly the canonical form of the JSON it holds. */
    public static boolean isCanonical(byte[] utf8) {
        try {
            String text = new String(utf8, StandardCharsets.UTF_8);
            return new JsonCanonicalizer(text).getEncodedString().equals(text)
                    && java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), utf8);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void requireSafeNumbers(JsonNode node, String path) {
        if (node.isNumber()) {
            if (node.isIntegralNumber() && !node.canConvertToLong()
                    || node.isIntegralNumber() && Math.abs(node.longValue()) > MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException(
                        "integer at " + path + " (" + node.asText() + ") exceeds 2^53-1; write it as a string");
            }
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw new IllegalArgumentException("number at " + path + " is not finite: " + node.asText());
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                requireSafeNumbers(e.getValue(), path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireSafeNumbers(node.get(i), path + "[" + i + "]");
            }
        }
    }
}

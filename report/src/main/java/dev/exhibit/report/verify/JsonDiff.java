package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The places where two JSON trees differ, as RFC 6901 JSON pointers, in document order. Both trees must come from the
 * same parser (re-parse canonical bytes first), so that equal numbers have equal node types.
 */
final class JsonDiff {
    /** One difference; {@code expected} or {@code actual} is {@code null} where a member is missing. */
    record Difference(String pointer, JsonNode expected, JsonNode actual) {}

    private JsonDiff() {}

    static List<Difference> of(JsonNode expected, JsonNode actual, String pointer, int limit) {
        List<Difference> out = new ArrayList<>();
        walk(expected, actual, pointer, out, limit);
        return out;
    }

    private static void walk(JsonNode e, JsonNode a, String ptr, List<Difference> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (e == null || a == null || e.getNodeType() != a.getNodeType()) {
            out.add(new Difference(ptr.isEmpty() ? "/" : ptr, e, a));
            return;
        }
        if (e.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            e.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                walk(e.get(n), a.get(n), ptr + "/" + escape(n), out, limit);
            }
        } else if (e.isArray()) {
            int n = Math.max(e.size(), a.size());
            for (int i = 0; i < n; i++) {
                walk(e.get(i), a.get(i), ptr + "/" + i, out, limit);
            }
        } else if (!e.equals(a)) {
            out.add(new Difference(ptr, e, a));
        }
    }

    /** RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

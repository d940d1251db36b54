package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * An item's analysis summary ({@code evidence/ID/analysis.json}, the output of {@code exhibit analyze IMAGE --json}),
 * carried into the record as it is, with the SHA-256 of the file. Integers beyond 2^53 (which JSON readers cannot
 * hold exactly) are carried as decimal strings so the record stays canonical.
 *
 * @param file the path relative to the case root
 */
public record AnalysisFile(String file, String sha256, JsonNode summary) {
    public static final String FILE_NAME = "analysis.json";

    /** Reads the summary next to an item, or returns {@code null} when there is none. */
    public static AnalysisFile readIfPresent(Path path, String relative) throws IOException {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        byte[] bytes = JsonFiles.readBounded(path);
        JsonNode summary = JsonFiles.readObject(path);
        return new AnalysisFile(relative, Sha256.hex(bytes), safeNumbers(summary));
    }

    ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("file", file);
        n.put("sha256", sha256);
        n.set("summary", summary);
        return n;
    }

    static JsonNode safeNumbers(JsonNode node) {
        if (node.isIntegralNumber()
                && (!node.canConvertToLong() || Math.abs(node.longValue()) > Jcs.MAX_SAFE_INTEGER)) {
            return TextNode.valueOf(node.bigIntegerValue().toString());
        }
        if (node.isObject()) {
            ObjectNode copy = Jcs.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), safeNumbers(e.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = Jcs.mapper().createArrayNode();
            node.forEach(e -> copy.add(safeNumbers(e)));
            return copy;
        }
        return node;
    }
}

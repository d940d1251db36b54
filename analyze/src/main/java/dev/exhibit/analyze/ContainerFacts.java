package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.image.ContainerSummary;
import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The summary's {@code image.container}: for a container Exhibit decodes itself (DMG, QCOW2), its format, codec mix,
 * checksum state and notes; and the text lines that show them.
 */
final class ContainerFacts {
    private ContainerFacts() {}

    static Optional<ObjectNode> json(Image image) throws IOException {
        Optional<MediaReader> reader = image.decodedBy();
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        ContainerSummary s = ContainerSummary.of(reader.get());
        ObjectNode n = Jcs.object();
        n.put("format", s.format());
        n.put("description", s.description());
        ObjectNode codecs = n.putObject("codecs");
        s.codecs().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> codecs.put(e.getKey(), e.getValue()));
        n.put("checksums", s.checksums());
        ArrayNode notes = n.putArray("notes");
        s.notes().forEach(notes::add);
        return Optional.of(n);
    }

    /** {@code Container: dmg, codecs zlib 7, zero 3; checksums verified} and one line per note. */
    static void render(StringBuilder b, JsonNode container) {
        if (!container.isObject()) {
            return;
        }
        b.append("Container: ").append(container.path("description").asText());
        StringBuilder mix = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        container.path("codecs").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            mix.append(mix.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue().asLong());
        }
        b.append(mix.isEmpty() ? "" : "; codecs " + mix)
                .append("; checksums ")
                .append(container.path("checksums").asText())
                .append('\n');
        for (JsonNode note : container.path("notes")) {
            b.append("  ").append(Display.of(note.asText())).append('\n');
        }
    }
}

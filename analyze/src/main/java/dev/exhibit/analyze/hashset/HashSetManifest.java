package dev.exhibit.analyze.hashset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hash set holds and where it came from, as {@code manifest.json} in the set's directory records it (canonical
 * JSON): the key file of each algorithm with its distinct count and SHA-256, and every source file with its SHA-256,
 * format, how many digests it gave, when it was imported and by which build of Exhibit.
 *
 * @param created when the set was first imported (UTC)
 * @param updated when a source was last added (UTC)
 */
public record HashSetManifest(
        String name,
        SetKind kind,
        String description,
        String created,
        String updated,
        List<Index> indexes,
        List<Source> sources) {
    static final String FILE_NAME = "manifest.json";
    static final String FORMAT = "exhibit-hashset-1";

    /**
     * One algorithm's key file.
     *
     * @param count distinct digests
     * @param file the key file's name in the set's directory
     * @param sha256 the key file's SHA-256; the same sources give the same bytes, in any order
     */
    public record Index(HashAlgorithm algorithm, long count, String file, String sha256) {}

    /**
     * One imported file.
     *
     * @param path the absolute path it was read from
     * @param bytes its size in bytes
     * @param format as detected from its content, e.g. {@code nsrl-rds-v3-minimal}, {@code hashdeep}, {@code md5sum}
     * @param detail what the file says of itself (NSRL's release), or empty
     * @param digests how many digests it gave, repeats included
     * @param imported when (UTC)
     * @param tool the Exhibit build that imported it
     */
    public record Source(
            String path,
            String sha256,
            long bytes,
            String format,
            String detail,
            long digests,
            String imported,
            String tool,
            String commandLine) {}

    public HashSetManifest {
        indexes = List.copyOf(indexes);
        sources = List.copyOf(sources);
    }

    /** The algorithms the set holds, in md5, sha1, sha256 order. */
    public List<HashAlgorithm> algorithms() {
        return indexes.stream().map(Index::algorithm).toList();
    }

    /** The key file of {@code algorithm}, or null. */
    public Index index(HashAlgorithm algorithm) {
        return indexes.stream()
                .filter(i -> i.algorithm == algorithm)
                .findFirst()
                .orElse(null);
    }

    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("format", FORMAT);
        n.put("name", name);
        n.put("kind", kind.id());
        n.put("description", description);
        n.put("created", created);
        n.put("updated", updated);
        ArrayNode ix = n.putArray("indexes");
        for (Index i : indexes) {
            ObjectNode o = ix.addObject();
            o.put("algorithm", i.algorithm.id());
            o.put("count", i.count);
            o.put("file", i.file);
            o.put("sha256", i.sha256);
        }
        ArrayNode src = n.putArray("sources");
        for (Source s : sources) {
            ObjectNode o = src.addObject();
            o.put("path", s.path);
            o.put("sha256", s.sha256);
            o.put("bytes", s.bytes);
            o.put("format", s.format);
            o.put("detail", s.detail);
            o.put("digests", s.digests);
            o.put("imported", s.imported);
            o.put("tool", s.tool);
            o.put("commandLine", s.commandLine);
        }
        return n;
    }

    void write(Path file) throws IOException {
        Files.write(file, Jcs.canonicalBytes(toJson()));
    }

    static HashSetManifest read(Path file) throws IOException {
        JsonNode n;
        try {
            n = Jcs.mapper().readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw broken(file, "it is not JSON (" + Badges.visible(String.valueOf(e.getOriginalMessage())) + ")");
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw broken(file, "it does not say format " + FORMAT);
        }
        try {
            List<Index> indexes = new ArrayList<>();
            for (JsonNode o : n.path("indexes")) {
                indexes.add(new Index(
                        HashAlgorithm.fromId(text(o, "algorithm")),
                        o.path("count").asLong(),
                        text(o, "file"),
                        text(o, "sha256")));
            }
            List<Source> sources = new ArrayList<>();
            for (JsonNode o : n.path("sources")) {
                sources.add(new Source(
                        text(o, "path"),
                        text(o, "sha256"),
                        o.path("bytes").asLong(),
                        text(o, "format"),
                        o.path("detail").asText(""),
                        o.path("digests").asLong(),
                        text(o, "imported"),
                        text(o, "tool"),
                        o.path("commandLine").asText("")));
            }
            return new HashSetManifest(
                    text(n, "name"),
                    SetKind.fromId(text(n, "kind")),
                    n.path("description").asText(""),
                    text(n, "created"),
                    text(n, "updated"),
                    indexes,
                    sources);
        } catch (IllegalArgumentException e) {
            throw broken(file, Badges.visible(e.getMessage()));
        }
    }

    private static String text(JsonNode n, String field) {
        if (!n.path(field).isTextual()) {
            throw new IllegalArgumentException("it has no text field '" + field + "'");
        }
        return n.path(field).asText();
    }

    private static ExhibitException broken(Path file, String why) {
        return new ExhibitException(
                ExhibitException.Kind.ENVIRONMENT, "hash-set manifest " + file + " is damaged: " + why);
    }
}

package dev.exhibit.analyze.hashset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a listing's hash-set lookups found, for a case ({@code hashsets.json}, docs/hashsets.md): the sets consulted,
 * as the case names them (name, kind, per algorithm the count and key-file SHA-256, each source's SHA-256), the counts
 * of data streams hashed, known and notable, and every notable stream with its path (display form and exact bytes),
 * inode, digests and sets. Read back from the listing's own JSON Lines, so the two cannot disagree.
 */
public final class HashSetResults {
    public static final String FORMAT = "exhibit-hashsets/1";

    /** Members of a stream's record that a notable hit carries, in this order. */
    private static final List<String> HIT_MEMBERS = List.of(
            "partition",
            "path",
            "pathBytes",
            "stream",
            "streamBytes",
            "inode",
            "size",
            "deleted",
            "md5",
            "sha1",
            "sha256",
            "sha512",
            "contentMayBeReused");

    private HashSetResults() {}

    /**
     * @param listing a JSON Lines listing written with {@code --hashset} for {@code sets}
     * @param sets the sets looked up, in the order given
     */
    public static ObjectNode of(Path listing, List<HashSetManifest> sets) throws IOException {
        ObjectNode n = Jcs.object();
        n.put("format", FORMAT);
        ObjectNode from = n.putObject("listing");
        from.put("file", listing.getFileName().toString());
        from.put("sha256", Sha256.ofFile(listing));
        ArrayNode used = n.putArray("sets");
        sets.forEach(s -> used.add(describe(s)));
        Map<String, SetKind> kinds =
                sets.stream().collect(Collectors.toMap(HashSetManifest::name, HashSetManifest::kind));
        long hashed = 0;
        long known = 0;
        ArrayNode notable = Jcs.mapper().createArrayNode();
        try (BufferedReader r = Files.newBufferedReader(listing, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNumber++;
                JsonNode record = parse(line, listing, lineNumber);
                JsonNode in = record.get("hashsets");
                if (in == null || !in.isArray()) {
                    continue;
                }
                hashed++;
                boolean isNotable = false;
                for (JsonNode name : in) {
                    isNotable |= kinds.get(name.asText()) == SetKind.NOTABLE;
                }
                if (isNotable) {
                    notable.add(hit(record));
                } else if (!in.isEmpty()) {
                    known++;
                }
            }
        }
        ObjectNode counts = n.putObject("counts");
        counts.put("hashedStreams", hashed);
        counts.put("knownStreams", known);
        counts.put("notableStreams", notable.size());
        n.set("notable", notable);
        return n;
    }

    /** A set as a case names it: what it meant and exactly what was consulted. */
    static ObjectNode describe(HashSetManifest m) {
        ObjectNode s = Jcs.object();
        s.put("name", m.name());
        s.put("kind", m.kind().id());
        s.put("description", m.description());
        ArrayNode indexes = s.putArray("indexes");
        for (HashSetManifest.Index i : m.indexes()) {
            ObjectNode o = indexes.addObject();
            o.put("algorithm", i.algorithm().id());
            o.put("count", i.count());
            o.put("keyFileSha256", i.sha256());
        }
        ArrayNode sources = s.putArray("sources");
        for (HashSetManifest.Source src : m.sources()) {
            ObjectNode o = sources.addObject();
            o.put("file", Path.of(src.path()).getFileName().toString());
            o.put("sha256", src.sha256());
            o.put("bytes", src.bytes());
            o.put("format", src.format());
            o.put("detail", src.detail());
        }
        return s;
    }

    private static ObjectNode hit(JsonNode record) {
        ObjectNode h = Jcs.object();
        for (String m : HIT_MEMBERS) {
            if (record.has(m)) {
                h.set(m, record.get(m));
            }
        }
        h.set("hashsets", record.get("hashsets"));
        return h;
    }

    private static JsonNode parse(String line, Path listing, long lineNumber) {
        try {
            JsonNode n = Jcs.mapper().readTree(line);
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // named below
        }
        throw ExhibitException.evidence(listing + ": line " + lineNumber + " is not a JSON object");
    }
}

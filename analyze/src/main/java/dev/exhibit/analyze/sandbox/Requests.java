package dev.exhibit.analyze.sandbox;

import dev.exhibit.analyze.Export;
import dev.exhibit.analyze.FileContent;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.fs.InodeAddress;
import dev.exhibit.analyze.hashset.HashSetChoice;
import dev.exhibit.core.digest.HashAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The requests a supervisor hands its worker, as {@code key=value} arguments. Plain arguments rather than JSON: the
 * worker of a listing then never loads a JSON library, which would cost a fifth of a small listing's time.
 */
final class Requests {
    private Requests() {}

    /** Arguments in order; a key may repeat (the summary's skipped targets). */
    record Args(List<String> list) {
        static Args parse(String[] args, int from) {
            return new Args(List.of(args).subList(from, args.length));
        }

        String get(String key) {
            String prefix = key + "=";
            for (String a : list) {
                if (a.startsWith(prefix)) {
                    return a.substring(prefix.length());
                }
            }
            return null;
        }

        List<String> all(String key) {
            String prefix = key + "=";
            List<String> out = new ArrayList<>();
            for (String a : list) {
                if (a.startsWith(prefix)) {
                    out.add(a.substring(prefix.length()));
                }
            }
            return out;
        }

        boolean flag(String key) {
            return Boolean.parseBoolean(get(key));
        }

        Long number(String key) {
            String v = get(key);
            return v == null || v.isEmpty() ? null : Long.parseLong(v);
        }
    }

    static List<String> files(FileListing.Request r) {
        List<String> a = base(r.image(), r.selection());
        a.add("format=" + r.format().name());
        a.add("orphans=" + r.orphans());
        a.add("deletedOnly=" + r.deletedOnly());
        if (r.pathGlob() != null) {
            a.add("pathGlob=" + r.pathGlob());
        }
        a.add("firstTarget=" + r.firstTarget());
        a.add("hash=" + r.content().algorithms().stream().map(HashAlgorithm::id).collect(Collectors.joining(",")));
        a.add("types=" + r.content().types());
        a.add("threads=" + r.content().threads());
        if (r.content().hashSets().any()) {
            a.add("hashsetStore=" + r.content().hashSets().store());
            r.content().hashSets().names().forEach(n -> a.add("hashset=" + n));
        }
        return a;
    }

    static FileListing.Request files(Args a) {
        String hash = a.get("hash");
        return new FileListing.Request(
                image(a),
                selection(a),
                FileListing.Format.valueOf(a.get("format")),
                a.flag("orphans"),
                a.flag("deletedOnly"),
                a.get("pathGlob"),
                a.number("firstTarget").intValue(),
                new ContentOptions(
                        hash == null || hash.isEmpty() ? List.of() : HashAlgorithm.parseList(hash),
                        a.flag("types"),
                        a.number("threads").intValue(),
                        false,
                        a.get("hashsetStore") == null
                                ? HashSetChoice.NONE
                                : new HashSetChoice(Path.of(a.get("hashsetStore")), a.all("hashset"))));
    }

    static List<String> content(FileContent.Request r) {
        List<String> a = base(r.image(), r.selection());
        if (r.path() != null) {
            a.add("path=" + r.path());
        }
        if (r.inode() != null) {
            a.add("inode=" + r.inode());
        }
        a.add("slack=" + r.slack());
        return a;
    }

    static FileContent.Request content(Args a) {
        String inode = a.get("inode");
        return new FileContent.Request(
                image(a),
                selection(a),
                a.get("path"),
                inode == null ? null : InodeAddress.parse(inode),
                a.flag("slack"));
    }

    static List<String> export(Export.Request r) {
        List<String> a = base(r.image(), r.selection());
        a.add("destination=" + r.destination());
        a.add("deletedOnly=" + r.deletedOnly());
        if (r.pathGlob() != null) {
            a.add("pathGlob=" + r.pathGlob());
        }
        if (r.list() != null) {
            r.list().forEach(item -> a.add("item=" + item));
        }
        a.add("firstTarget=" + r.firstTarget());
        a.add("resume=" + r.resume());
        return a;
    }

    static Export.Request export(Args a) {
        List<String> items = a.all("item");
        return new Export.Request(
                image(a),
                Path.of(a.get("destination")),
                selection(a),
                a.flag("deletedOnly"),
                a.get("pathGlob"),
                items.isEmpty() ? null : items,
                a.number("firstTarget").intValue(),
                a.flag("resume"));
    }

    /**
     * @param invocationJson the supervisor's invocation, so that the summary records the command the user typed
     */
    static List<String> summary(
            Path image,
            String invocationJson,
            boolean orphans,
            Map<Integer, String> skipWalk,
            Map<Integer, String> skipOpen) {
        List<String> a = base(image, Selection.ALL);
        a.add("invocation=" + invocationJson);
        a.add("orphans=" + orphans);
        skipWalk.forEach((k, v) -> a.add("skipWalk=" + k + ":" + v));
        skipOpen.forEach((k, v) -> a.add("skipOpen=" + k + ":" + v));
        return a;
    }

    /** Targets (by index) that crashed libtsk before, with what happened; {@code which} is skipWalk or skipOpen. */
    static Map<Integer, String> skipped(Args a, String which) {
        Map<Integer, String> out = new HashMap<>();
        for (String v : a.all(which)) {
            int colon = v.indexOf(':');
            out.put(Integer.parseInt(v.substring(0, colon)), v.substring(colon + 1));
        }
        return out;
    }

    private static List<String> base(Path image, Selection s) {
        List<String> a = new ArrayList<>();
        a.add("image=" + image);
        a.add("partition=" + (s.partition() == null ? "" : s.partition()));
        a.add("offsetSectors=" + (s.offsetSectors() == null ? "" : s.offsetSectors()));
        return a;
    }

    static Path image(Args a) {
        return Path.of(a.get("image"));
    }

    private static Selection selection(Args a) {
        String partition = a.get("partition");
        return new Selection(partition == null || partition.isEmpty() ? null : partition, a.number("offsetSectors"));
    }
}

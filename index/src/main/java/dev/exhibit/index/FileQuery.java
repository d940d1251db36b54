package dev.exhibit.index;

import dev.exhibit.core.ExhibitException;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What {@code exhibit search} asks, every part optional and all of them ANDed. Names and paths are matched by the
 * caller's predicates (the glob of {@code analyze files --path}, on the display form), after the database has
 * narrowed the rows by the glob's literal prefix.
 *
 * @param nameGlob the --name glob as given, or {@code null}; {@code name} matches it
 * @param pathGlob the --path glob as given, or {@code null}; {@code path} matches it
 * @param hash a digest in hex of any algorithm the listing holds (MD5, SHA-1, SHA-256, SHA-512, by its length)
 * @param type a media type ({@code image/jpeg}), or a whole top-level type ({@code image/*})
 * @param from times at or after (any of the four), or {@code null}
 * @param to times before, or {@code null}
 */
public record FileQuery(
        String nameGlob,
        Predicate<String> name,
        String pathGlob,
        Predicate<String> path,
        String hash,
        String type,
        boolean notable,
        boolean known,
        boolean deleted,
        String item,
        Instant from,
        Instant to) {

    public FileQuery {
        if (hash != null) {
            hash = hash.toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]+") || hashColumn(hash) == null) {
                throw ExhibitException.usage("--hash '" + hash + "' is not an MD5, SHA-1, SHA-256 or SHA-512 in hex"
                        + " (32, 40, 64 or 128 hex digits)");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ExhibitException.usage("--from " + from + " is not before --to " + to);
        }
    }

    /** The column that holds a digest of this length. */
    static String hashColumn(String hex) {
        return switch (hex.length()) {
            case 32 -> "md5";
            case 40 -> "sha1";
            case 64 -> "sha256";
            case 128 -> "sha512";
            default -> null;
        };
    }

    /**
     * The characters of a glob before its first wildcard ({@code *}, {@code ?}, {@code [}, <code>{</code>), with
     * {@code \x} read as {@code x}: every match starts with them.
     */
    static String literalPrefix(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '\\' && i + 1 < glob.length()) {
                b.append(glob.charAt(++i));
            } else if (ch == '*' || ch == '?' || ch == '[' || ch == '{' || ch == '\\') {
                break;
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** An SQLite GLOB pattern for {@code prefix} followed by anything (its wildcards each in a bracket of its own). */
    static String globPrefix(String prefix) {
        StringBuilder b = new StringBuilder();
        prefix.codePoints().forEach(cp -> {
            if (cp == '*' || cp == '?' || cp == '[') {
                b.append('[').appendCodePoint(cp).append(']');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('*').toString();
    }

    /** A LIKE pattern for {@code prefix} followed by anything, with {@code \} as its escape. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}

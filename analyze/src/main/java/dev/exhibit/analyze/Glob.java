package dev.exhibit.analyze;

import dev.exhibit.core.ExhibitException;
import java.util.ArrayList;
import java.util.List;

/**
 * A shell-style pattern on the display form of paths ({@code --path GLOB}, docs/analyze.md): {@code *} any characters
 * but {@code /}, {@code ?} one character but {@code /}, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} one character
 * of (not of) a set, {@code {jpg,png}} alternatives, {@code \} takes the next character as itself, and {@code **} as
 * a whole path component any number of components, none included. A pattern without {@code /} is matched against the
 * name, one with {@code /} against the whole path from the root ({@code /Documents/*.md}); matching is by exact
 * characters (case counts).
 *
 * <p>The JDK's glob matcher works on {@code Path} objects, which refuse names the platform charset cannot encode, and
 * compiles to a backtracking regular expression that a long name can make exponential; this matcher is linear per
 * component.
 */
public final class Glob {
    /** Patterns longer than this are refused; so are braces that expand to more alternatives than the limit. */
    static final int MAX_LENGTH = 4096;

    static final int MAX_ALTERNATIVES = 256;

    private final String text;
    private final boolean wholePath;
    /** Each alternative, as components of tokens; a {@code null} component is {@code **}. */
    private final List<List<int[][]>> alternatives;

    private Glob(String text, boolean wholePath, List<List<int[][]>> alternatives) {
        this.text = text;
        this.wholePath = wholePath;
        this.alternatives = alternatives;
    }

    /** Parses a pattern; a malformed one is a usage error naming what is wrong. */
    public static Glob parse(String glob) {
        if (glob.isEmpty() || glob.length() > MAX_LENGTH) {
            throw ExhibitException.usage("--path pattern must have 1 to " + MAX_LENGTH + " characters");
        }
        List<String> expanded = new ArrayList<>();
        GlobSyntax.expand(glob, expanded);
        boolean wholePath = GlobSyntax.hasSeparator(glob);
        List<List<int[][]>> alternatives = new ArrayList<>();
        for (String alternative : expanded) {
            alternatives.add(GlobSyntax.components(glob, alternative, wholePath));
        }
        return new Glob(glob, wholePath, List.copyOf(alternatives));
    }

    /** Whether {@code displayPath} ({@code /Documents/notes.md}, from the root) matches. */
    public boolean matches(String displayPath) {
        int[][] path = split(displayPath);
        for (List<int[][]> alternative : alternatives) {
            if (wholePath
                    ? components(alternative, path)
                    : path.length > 0 && GlobSyntax.component(alternative.getFirst(), path[path.length - 1])) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The path's components as code points; the root is no component. */
    private static int[][] split(String path) {
        List<int[]> out = new ArrayList<>();
        for (String c : path.split("/", -1)) {
            if (!c.isEmpty()) {
                out.add(c.codePoints().toArray());
            }
        }
        return out.toArray(int[][]::new);
    }

    /** Components against components, {@code **} taking any number: a table, so never exponential. */
    private static boolean components(List<int[][]> pattern, int[][] path) {
        int m = pattern.size();
        int n = path.length;
        boolean[][] match = new boolean[m + 1][n + 1];
        match[m][n] = true;
        for (int i = m - 1; i >= 0; i--) {
            for (int j = n; j >= 0; j--) {
                int[][] p = pattern.get(i);
                if (p == null) {
                    match[i][j] = match[i + 1][j] || (j < n && match[i][j + 1]);
                } else {
                    match[i][j] = j < n && match[i + 1][j + 1] && GlobSyntax.component(p, path[j]);
                }
            }
        }
        return match[0][0];
    }
}

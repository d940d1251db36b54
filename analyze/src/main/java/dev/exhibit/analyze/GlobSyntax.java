package dev.exhibit.analyze;

import dev.exhibit.core.ExhibitException;
import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of {@link Glob}: brace expansion, then each component as tokens, and the matching of one component.
 * A token is {@code {LITERAL, c}}, {@code {ANY_ONE}}, {@code {ANY_RUN}} or {@code {SET, negated, from, to, from, to,
 * ...}}.
 */
final class GlobSyntax {
    static final int LITERAL = 0;
    static final int ANY_ONE = 1;
    static final int ANY_RUN = 2;
    static final int SET = 3;

    private GlobSyntax() {}

    /** Whether the pattern has a {@code /} outside a set and not escaped. */
    static boolean hasSeparator(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '/') {
                return true;
            }
        }
        return false;
    }

    /** Adds to {@code out} every alternative the braces of {@code glob} make (escapes kept). */
    static void expand(String glob, List<String> out) {
        int open = -1;
        int depth = 0;
        List<Integer> commas = new ArrayList<>();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            } else if (c == '}' && depth > 0 && --depth == 0) {
                String head = glob.substring(0, open);
                String tail = glob.substring(i + 1);
                int from = open + 1;
                commas.add(i);
                for (int comma : commas) {
                    expand(head + glob.substring(from, comma) + tail, out);
                    if (out.size() > Glob.MAX_ALTERNATIVES) {
                        throw ExhibitException.usage("--path pattern '" + glob + "' makes more than "
                                + Glob.MAX_ALTERNATIVES + " alternatives");
                    }
                    from = comma + 1;
                }
                return;
            }
        }
        if (depth > 0) {
            throw ExhibitException.usage("--path pattern '" + glob + "' has a '{' without its '}'");
        }
        out.add(glob);
    }

    /** The components of one alternative, as token arrays; {@code **} alone as a component is {@code null}. */
    static List<int[][]> components(String glob, String alternative, boolean wholePath) {
        List<int[][]> out = new ArrayList<>();
        for (String c : wholePath ? alternative.split("/", -1) : new String[] {alternative}) {
            if (c.isEmpty()) {
                continue;
            }
            out.add(wholePath && c.equals("**") ? null : tokens(glob, c));
        }
        if (out.isEmpty()) {
            throw ExhibitException.usage("--path pattern '" + glob + "' names no file (it is only '/')");
        }
        return out;
    }

    private static int[][] tokens(String glob, String component) {
        int[] cps = component.codePoints().toArray();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '\\') {
                if (++i == cps.length) {
                    throw ExhibitException.usage("--path pattern '" + glob + "' ends in a lone '\\'");
                }
                out.add(new int[] {LITERAL, cps[i]});
            } else if (c == '*') {
                if (out.isEmpty() || out.getLast()[0] != ANY_RUN) {
                    out.add(new int[] {ANY_RUN});
                }
            } else if (c == '?') {
                out.add(new int[] {ANY_ONE});
            } else if (c == '[') {
                i = set(glob, cps, i, out);
            } else {
                out.add(new int[] {LITERAL, c});
            }
        }
        return out.toArray(int[][]::new);
    }

    /** Reads {@code [...]} starting at {@code open}; returns the index of its {@code ]}. */
    private static int set(String glob, int[] cps, int open, List<int[]> out) {
        int i = open + 1;
        boolean negated = i < cps.length && (cps[i] == '!' || cps[i] == '^');
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        int first = i;
        for (; i < cps.length && (cps[i] != ']' || i == first); i++) {
            int from = cps[i];
            if (from == '\\' && i + 1 < cps.length) {
                from = cps[++i];
            }
            int to = from;
            if (i + 2 < cps.length && cps[i + 1] == '-' && cps[i + 2] != ']') {
                i += 2;
                to = cps[i] == '\\' && i + 1 < cps.length ? cps[++i] : cps[i];
            }
            ranges.add(Math.min(from, to));
            ranges.add(Math.max(from, to));
        }
        if (i >= cps.length) {
            throw ExhibitException.usage("--path pattern '" + glob + "' has a '[' without its ']'");
        }
        int[] token = new int[2 + ranges.size()];
        token[0] = SET;
        token[1] = negated ? 1 : 0;
        for (int k = 0; k < ranges.size(); k++) {
            token[2 + k] = ranges.get(k);
        }
        out.add(token);
        return i;
    }

    /**
     * One component against a pattern of tokens: the classic wildcard walk that, on a mismatch, goes back only to the
     * last {@code *}, so the cost is at most the product of the two lengths.
     */
    static boolean component(int[][] pattern, int[] name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length) {
            if (p < pattern.length && pattern[p][0] != ANY_RUN && one(pattern[p], name[n])) {
                p++;
                n++;
            } else if (p < pattern.length && pattern[p][0] == ANY_RUN) {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p][0] == ANY_RUN) {
            p++;
        }
        return p == pattern.length;
    }

    private static boolean one(int[] token, int c) {
        return switch (token[0]) {
            case LITERAL -> token[1] == c;
            case ANY_ONE -> true;
            case SET -> {
                boolean in = false;
                for (int k = 2; k + 1 < token.length; k += 2) {
                    in |= c >= token[k] && c <= token[k + 1];
                }
                yield in != (token[1] == 1);
            }
            default -> false;
        };
    }
}

package dev.exhibit.cli;

import java.util.List;
import java.util.Locale;

/**
 * The name nearest to a mistyped one, for "did you mean". picocli offers suggestions, but ranks options only by their
 * first two letters (for {@code --tsa-caa} it offers {@code --tsa} first); this ranks by edit distance, counting a
 * swap of two neighbouring letters ({@code --spilt}) as one edit. Never an abbreviation: a suggestion is only shown.
 */
final class Nearest {
    private Nearest() {}

    /** The candidate at the smallest distance from {@code typed} if that is a likely typo, else null. */
    static String of(String typed, List<String> candidates) {
        String t = bare(typed);
        int allowed = t.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, bare(c));
            if (d < bestDistance && d <= allowed) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String bare(String name) {
        return name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

package dev.exhibit.image.ewf;

import java.nio.file.Path;

/**
 * Segment file names: {@code BASE.E01} .. {@code BASE.E99}, then {@code BASE.EAA} .. {@code BASE.EZZ}, {@code BASE.FAA}
 * .. {@code BASE.ZZZ}, as EnCase, FTK and libewf name them (14 971 files at most).
 */
final class SegmentNames {
    static final int NUMBERED = 99;
    private static final int LETTERS = 26;
    /** E01..E99 and 22 first letters (E..Z) times 26 x 26. */
    static final int MAX_SEGMENTS = NUMBERED + ('Z' - 'E' + 1) * LETTERS * LETTERS;

    private SegmentNames() {}

    /** The extension (without the dot) of 1-based segment {@code number}, upper case. */
    static String extension(int number) {
        if (number < 1 || number > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "segment number " + number + " outside 1.." + MAX_SEGMENTS + " (E01..ZZZ)");
        }
        if (number <= NUMBERED) {
            return String.format("E%02d", number);
        }
        int k = number - NUMBERED - 1;
        char first = (char) ('E' + k / (LETTERS * LETTERS));
        char second = (char) ('A' + k / LETTERS % LETTERS);
        char third = (char) ('A' + k % LETTERS);
        return "" + first + second + third;
    }

    static Path segment(Path directory, String baseName, int number) {
        return directory.resolve(baseName + "." + extension(number));
    }

    /** The 1-based number of an extension such as {@code E01}, {@code e02} or {@code EAB}; 0 when it is none. */
    static int number(String extension) {
        if (extension.length() != 3) {
            return 0;
        }
        String x = extension.toUpperCase(java.util.Locale.ROOT);
        char a = x.charAt(0);
        char b = x.charAt(1);
        char c = x.charAt(2);
        if (a == 'E' && isDigit(b) && isDigit(c)) {
            int n = (b - '0') * 10 + (c - '0');
            return n;
        }
        if (a < 'E' || a > 'Z' || b < 'A' || b > 'Z' || c < 'A' || c > 'Z') {
            return 0;
        }
        return NUMBERED + 1 + (a - 'E') * LETTERS * LETTERS + (b - 'A') * LETTERS + (c - 'A');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

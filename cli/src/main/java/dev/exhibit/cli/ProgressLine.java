package dev.exhibit.cli;

import dev.exhibit.acquire.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the progress line, laid out to fit a terminal of any width: the task and the percent always, a bar of
 * at least {@value #MIN_BAR} cells, then as many of bytes done, time since the last good read (when a drive stalls),
 * bad sectors, current rate, time left (or taken) and phase as fit, the least important dropped first. Sizes and rates are in binary units (1 MiB = 1024
 * KiB), as in every summary Exhibit prints. The percent is rounded down, so 100% means every byte is done.
 */
final class ProgressLine {
    static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};

    private ProgressLine() {}

    /**
     * @param bytesPerSecondNow the rate over the last few seconds
     * @param width the terminal's columns
     * @param unicode whether the terminal's character set has block characters for the bar (else {@code [##- ]})
     */
    static String render(String task, Progress.Snapshot s, double bytesPerSecondNow, int width, boolean unicode) {
        long total = Math.max(1, s.totalBytes());
        long done = Math.min(s.doneBytes(), total);
        long percent = done * 100 / total;
        String head = String.format(Locale.ROOT, "%s %3d%%", task, percent);
        // in order of importance: the last ones go first when the line is too narrow
        List<Part> parts = new ArrayList<>();
        int unit = unit(total);
        String of = scaled(total, unit);
        parts.add(new Part(
                String.format(Locale.ROOT, "%" + of.length() + "s/%s %s", scaled(done, unit), of, UNITS[unit])));
        // a drive that stalls or fails says more than a rate, which is then near nothing
        if (s.nanosSinceGoodRead() > 2_000_000_000L) {
            parts.add(new Part(String.format(Locale.ROOT, "no good read for %.0f s", s.nanosSinceGoodRead() / 1e9)));
        }
        if (s.badSectors() > 0) {
            parts.add(new Part(s.badSectors() + " bad sectors"));
        }
        parts.add(new Part(rate(bytesPerSecondNow), "999.9 MiB/s".length()));
        parts.add(new Part(eta(done, total, s.elapsedNanos())));
        parts.add(new Part(s.phase()));
        while (!parts.isEmpty() && head.length() + 3 + MIN_BAR + 1 + reserved(parts) > width) {
            parts.removeLast();
        }
        // the bar's length follows the room the parts may take, not what they take now, so it holds still
        int cells = Math.clamp(width - head.length() - 3 - (parts.isEmpty() ? 0 : 1 + reserved(parts)), 1, MAX_BAR);
        String tail = parts.isEmpty()
                ? ""
                : " " + String.join(", ", parts.stream().map(Part::text).toList());
        String line = head + " " + bar(done, total, cells, unicode) + tail;
        return line.length() >= width
                ? line.substring(0, Math.max(0, width))
                : line + " ".repeat(width - line.length());
    }

    /** One item of the line, and the room it is given so that the bar does not move as it changes. */
    private record Part(String text, int room) {
        Part(String text) {
            this(text, text.length());
        }
    }

    private static int reserved(List<Part> parts) {
        int n = 2 * (parts.size() - 1);
        for (Part p : parts) {
            n += Math.max(p.text().length(), p.room());
        }
        return n;
    }

    /** A bar of {@code cells} cells between two edges, filled to eighths of a cell. */
    static String bar(long done, long total, int cells, boolean unicode) {
        long eighths = done * cells * 8 / total;
        StringBuilder sb = new StringBuilder(cells + 2).append(unicode ? '│' : '[');
        for (int i = 0; i < cells; i++) {
            long left = eighths - i * 8L;
            if (!unicode) {
                sb.append(left >= 8 ? '#' : left <= 0 ? ' ' : '-');
            } else {
                sb.append(left >= 8 ? '█' : left <= 0 ? ' ' : EIGHTHS[(int) left]);
            }
        }
        return sb.append(unicode ? '│' : ']').toString();
    }

    private static int unit(long bytes) {
        int u = 0;
        for (double v = bytes; v >= 1024 && u < UNITS.length - 1; v /= 1024) {
            u++;
        }
        return u;
    }

    private static String scaled(long bytes, int unit) {
        // a tenth of a GiB is 100 MiB: too coarse to see a drive move
        String format = unit >= 3 ? "%.2f" : "%.1f";
        return unit == 0 ? String.valueOf(bytes) : String.format(Locale.ROOT, format, bytes / Math.pow(1024, unit));
    }

    private static String rate(double bytesPerSecond) {
        int u = unit(Math.round(bytesPerSecond));
        return u == 0
                ? String.format(Locale.ROOT, "%.0f bytes/s", bytesPerSecond)
                : String.format(Locale.ROOT, "%.1f %s/s", bytesPerSecond / Math.pow(1024, u), UNITS[u]);
    }

    /** The time left at the average rate so far, or the time taken once done. */
    private static String eta(long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        if (done >= total) {
            return "took " + clock(seconds);
        }
        return done == 0 || seconds <= 0 ? "left -:--:--" : "left " + clock(seconds * (total - done) / done);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}

package dev.exhibit.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a horizontal map of a disk drawn as inline SVG: the whole disk is {@link #WIDTH} units wide, and each
 * marked range becomes a rectangle at least {@link #MIN_WIDTH} wide so a single bad sector on a large disk still
 * shows. Ranges closer together than that are drawn as one, which keeps the SVG small for thousands of ranges; the
 * exact ranges are listed in the table beside the map.
 *
 * @param totalSectors what the full width stands for
 */
public record Bar(long totalSectors, List<Segment> segments, List<Tick> ticks) {
    public static final double WIDTH = 1000;
    public static final double MIN_WIDTH = 1.5;

    /**
     * One drawn rectangle.
     *
     * @param kind a CSS class suffix: {@code bad}, {@code part}, {@code part-alt}, {@code free}
     * @param label a short number shown inside when the rectangle is wide enough, or empty
     * @param tooltip what hovering shows (escaped by the template)
     */
    public record Segment(String x, String width, String kind, String label, String labelX, String tooltip) {}

    /** An axis label: a sector number at a position. */
    public record Tick(String x, String label, String anchor) {}

    /** A range to draw, in sectors. */
    public record Range(long firstSector, long sectorCount, String kind, String label, String tooltip) {}

    public static Bar of(long totalSectors, List<Range> ranges, boolean mergeClose) {
        if (totalSectors <= 0) {
            throw new IllegalArgumentException("totalSectors (" + totalSectors + ") must be positive");
        }
        List<Segment> out = new ArrayList<>();
        double lastEnd = -1;
        for (Range r : ranges) {
            double x = scale(r.firstSector(), totalSectors);
            double w = Math.max(MIN_WIDTH, scale(r.sectorCount(), totalSectors));
            x = Math.min(x, WIDTH - w);
            if (mergeClose && !out.isEmpty() && x <= lastEnd + MIN_WIDTH) {
                Segment prev = out.removeLast();
                double px = Double.parseDouble(prev.x());
                double end = Math.max(lastEnd, x + w);
                out.add(new Segment(fmt(px), fmt(end - px), prev.kind(), "", "0", prev.tooltip() + "; more nearby"));
                lastEnd = end;
                continue;
            }
            boolean roomForLabel = w >= 8 * Math.max(1, r.label().length());
            out.add(new Segment(fmt(x), fmt(w), r.kind(), roomForLabel ? r.label() : "", fmt(x + w / 2), r.tooltip()));
            lastEnd = x + w;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int q = 0; q <= 4; q++) {
            long sector = q == 4 ? totalSectors : totalSectors / 4 * q;
            ticks.add(
                    new Tick(fmt(WIDTH * q / 4), Long.toString(sector), q == 0 ? "start" : q == 4 ? "end" : "middle"));
        }
        return new Bar(totalSectors, List.copyOf(out), List.copyOf(ticks));
    }

    private static double scale(long sectors, long total) {
        return WIDTH * ((double) sectors / total);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

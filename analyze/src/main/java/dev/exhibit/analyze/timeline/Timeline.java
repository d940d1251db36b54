package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.core.ExhibitException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exhibit timeline}: every time stamp of the sources given (the file systems of images, as the sandbox worker
 * walks them with {@link TimelineLines}, and body files) on one sorted timeline, in UTC to the nanosecond, with MACB
 * letters (docs/timeline.md). Events are sorted outside the heap ({@link EventSorter}), so memory stays flat however
 * many there are.
 *
 * <pre>{@code
 * try (Timeline t = new Timeline(Timeline.Format.CSV, null, null, tempDir)) {
 *     Sandbox.files(new FileListing.Request(image, Selection.ALL, FileListing.Format.TIMELINE),
 *             new Sandbox.Output.Stream(t.image("disk.E01")), diagnostics);
 *     t.bodyfile(Path.of("fls.body"));
 *     t.write(channel);
 * }
 * }</pre>
 */
public final class Timeline implements Closeable {
    /** Output formats (docs/timeline.md). */
    public enum Format {
        MACTIME,
        CSV,
        JSONL
    }

    private final Format format;
    private final EventSorter sorter;
    private final Events events;
    private final List<String> sources = new ArrayList<>();
    private Events.Stream open;

    /**
     * @param from the first instant kept, or {@code null}
     * @param to the first instant no longer kept (exclusive), or {@code null}
     * @param tempDir where the work directory of sorted runs is made when the events do not fit in memory
     */
    public Timeline(Format format, Instant from, Instant to, Path tempDir) {
        this(
                format,
                from,
                to,
                tempDir,
                EventSorter.Limits.forHeap(Runtime.getRuntime().maxMemory()));
    }

    Timeline(Format format, Instant from, Instant to, Path tempDir, EventSorter.Limits limits) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ExhibitException.usage("--from " + from + " is not before --to " + to + ": no time would be kept");
        }
        this.format = format;
        this.sorter = new EventSorter(limits, tempDir);
        this.events = new Events(sorter, new Events.Range(bound(from), bound(to)));
    }

    private static long[] bound(Instant t) {
        return t == null ? null : new long[] {t.getEpochSecond(), t.getNano()};
    }

    /**
     * Where the worker's records of the image {@code name} go (the sandbox's output stream); the events of one source
     * must be in before the next source is opened.
     */
    public OutputStream image(String name) {
        finishSource();
        events.image(newSource(name));
        open = new Events.Stream(events);
        return open;
    }

    /** Adds the events of a body file, named in the rows as {@code file} is written. */
    public void bodyfile(Path file) throws IOException {
        finishSource();
        events.image(newSource(file.toString()));
        try (InputStream in = Files.newInputStream(file)) {
            new BodyfileSource(file.toString(), events).read(in);
        }
    }

    private int newSource(String name) {
        if (sources.size() > 0xFFFF) {
            throw ExhibitException.usage("more than 65,536 images and body files in one timeline");
        }
        sources.add(name);
        return sources.size() - 1;
    }

    private void finishSource() {
        if (open != null && open.leftover() > 0) {
            throw new IllegalStateException("the analysis worker's output ended inside a record");
        }
        open = null;
    }

    /** Events so far (a time of a file is one; several at the same instant are one row, and one event). */
    public long events() {
        return sorter.count();
    }

    /** Writes the sorted timeline to {@code target}; returns the rows written. */
    public long write(WritableByteChannel target) throws IOException {
        finishSource();
        RowFormat rows = RowFormat.of(format, List.copyOf(sources));
        long[] written = {0};
        try (ByteOut out = ByteOut.to(target)) {
            rows.header(out);
            out.endRecord();
            sorter.drain(row -> {
                rows.row(out, row);
                written[0]++;
            });
        }
        return written[0];
    }

    /** The directory of sorted runs while one exists (for the shutdown hook that deletes it on Ctrl-C). */
    public Path workDirectory() {
        return sorter.workDirectory();
    }

    /** Deletes the sorted runs. */
    @Override
    public void close() throws IOException {
        sorter.close();
    }
}

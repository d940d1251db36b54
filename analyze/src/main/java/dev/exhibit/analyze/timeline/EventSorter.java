package dev.exhibit.analyze.timeline;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts any number of events in fixed memory: an external merge sort. Events collect in a chunk (their payloads in one
 * byte array, their times in primitive arrays); a full chunk is sorted ({@link RadixSort}) and spilled to a run file
 * in the work directory; at the end the runs are merged k ways ({@link RunMerge}), in several passes when there are
 * more than {@link Limits#fanIn} of them. A timeline that fits one chunk never touches the disk.
 *
 * <p>Memory is the chunk plus one read buffer per merged run, whatever the number of events. Events of the same
 * instant keep the order in which they were added (the sort is stable and the merge prefers earlier runs).
 */
final class EventSorter implements Closeable {
    /**
     * @param chunkBytes payload bytes of a chunk
     * @param chunkEvents events of a chunk
     * @param fanIn runs merged at once
     * @param bufferBytes read or write buffer of each run file
     */
    record Limits(int chunkBytes, int chunkEvents, int fanIn, int bufferBytes) {
        private static final int MIN_CHUNK_BYTES = 4 << 20;
        private static final int MAX_CHUNK_BYTES = 32 << 20;
        /** Payload bytes per event that the event arrays are sized for (a typical path and its fields). */
        private static final int TYPICAL_EVENT_BYTES = 48;

        /**
         * Limits for a heap of {@code maxHeapBytes}: a sixth of it for a chunk's payloads (4 to 32 MiB), arrays for as
         * many typical events, 64 runs of 64 KiB. With {@code -Xmx64m} the sorter needs about 20 MiB.
         */
        static Limits forHeap(long maxHeapBytes) {
            int chunk = (int) Math.clamp(maxHeapBytes / 6, MIN_CHUNK_BYTES, MAX_CHUNK_BYTES);
            return new Limits(chunk, chunk / TYPICAL_EVENT_BYTES, 64, 64 << 10);
        }
    }

    /** Payload bytes of an event in the chunk besides the payload: MACB, image, length. */
    private static final int CHUNK_HEAD = 1 + Short.BYTES + Integer.BYTES;

    private final Limits limits;
    private final Path workParent;
    private final byte[] chunk;
    private final long[] seconds;
    private final int[] nanos;
    private final int[] offsets;
    private final RadixSort radix;
    private final List<Path> runs = new ArrayList<>();
    private Path work;
    private int used;
    private int runNumber;
    private int count;
    private long total;

    /** @param workParent where the work directory with the run files is created when the first chunk is full */
    EventSorter(Limits limits, Path workParent) {
        this.limits = limits;
        this.workParent = workParent;
        this.chunk = new byte[limits.chunkBytes()];
        this.seconds = new long[limits.chunkEvents()];
        this.nanos = new int[limits.chunkEvents()];
        this.offsets = new int[limits.chunkEvents()];
        this.radix = new RadixSort(limits.chunkEvents());
    }

    /** Bytes of the largest payload an event can have. */
    int maxPayload() {
        return chunk.length - CHUNK_HEAD;
    }

    void add(long s, int ns, int macb, int image, byte[] payload, int at, int length) throws IOException {
        int need = CHUNK_HEAD + length;
        if (need > chunk.length) {
            throw new IllegalArgumentException("event of " + length + " bytes, more than a chunk holds");
        }
        if (count == seconds.length || used + need > chunk.length) {
            spill();
        }
        seconds[count] = s;
        nanos[count] = ns;
        offsets[count] = used;
        chunk[used] = (byte) macb;
        chunk[used + 1] = (byte) image;
        chunk[used + 2] = (byte) (image >>> 8);
        LineRecord.I32.set(chunk, used + 3, length);
        System.arraycopy(payload, at, chunk, used + CHUNK_HEAD, length);
        used += need;
        count++;
        total++;
    }

    /** Events added so far. */
    long count() {
        return total;
    }

    /** Calls {@code sink} with every event in time order; the sorter is spent afterwards. */
    void drain(RowSink sink) throws IOException {
        if (runs.isEmpty()) {
            int[] order = radix.sort(seconds, nanos, count);
            Row row = new Row();
            for (int i = 0; i < count; i++) {
                chunkRow(order[i], row);
                sink.accept(row);
            }
            count = 0;
            used = 0;
            return;
        }
        if (count > 0) {
            spill();
        }
        List<Path> level = runs;
        while (level.size() > limits.fanIn()) {
            List<Path> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += limits.fanIn()) {
                List<Path> group = level.subList(i, Math.min(level.size(), i + limits.fanIn()));
                Path merged = newRun();
                try (RunFile.Writer w = new RunFile.Writer(merged, limits.bufferBytes())) {
                    RunMerge.merge(
                            group,
                            limits.bufferBytes(),
                            row -> w.write(
                                    row.seconds,
                                    row.nanos,
                                    row.macb,
                                    row.image,
                                    row.buf,
                                    row.payloadAt,
                                    row.payloadLength));
                }
                for (Path p : group) {
                    Files.delete(p);
                }
                next.add(merged);
            }
            level = next;
        }
        RunMerge.merge(level, limits.bufferBytes(), sink);
    }

    private void chunkRow(int i, Row row) {
        int at = offsets[i];
        row.seconds = seconds[i];
        row.nanos = nanos[i];
        row.macb = chunk[at];
        row.image = (chunk[at + 1] & 0xFF) | (chunk[at + 2] & 0xFF) << 8;
        row.payload(chunk, at + CHUNK_HEAD);
    }

    private void spill() throws IOException {
        int[] order = radix.sort(seconds, nanos, count);
        Path run = newRun();
        runs.add(run);
        try (RunFile.Writer w = new RunFile.Writer(run, limits.bufferBytes())) {
            for (int k = 0; k < count; k++) {
                int i = order[k];
                int at = offsets[i];
                w.write(
                        seconds[i],
                        nanos[i],
                        chunk[at],
                        (chunk[at + 1] & 0xFF) | (chunk[at + 2] & 0xFF) << 8,
                        chunk,
                        at + CHUNK_HEAD,
                        (int) LineRecord.I32.get(chunk, at + 3));
            }
        }
        count = 0;
        used = 0;
    }

    private Path newRun() throws IOException {
        if (work == null) {
            Files.createDirectories(workParent);
            work = Files.createTempDirectory(workParent, "exhibit-timeline-");
        }
        return work.resolve("run-" + runNumber++ + ".bin");
    }

    /** The directory holding the run files, or {@code null} while everything fits in memory. */
    Path workDirectory() {
        return work;
    }

    /** Deletes the run files and their directory. */
    @Override
    public void close() throws IOException {
        if (work == null) {
            return;
        }
        try (var files = Files.list(work)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(work);
        work = null;
    }

    /** Receives rows in time order; a row is valid only during the call. */
    interface RowSink {
        void accept(Row row) throws IOException;
    }
}

package dev.exhibit.analyze.timeline;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Turns line records into events for the sorter: one per distinct time of the line, with the letters of every time
 * that has that instant ({@code m.c.}), as mactime collapses the times of one body-file line. A time the file system
 * left unset (0 seconds and 0 nanoseconds) is no event, and neither is one outside the range asked for
 * ({@code from} inclusive, {@code to} exclusive).
 */
final class Events {
    private static final int[] LETTER = {Row.M, Row.A, Row.C, Row.B};

    private final EventSorter sorter;
    private final Range range;
    private final long[] s = new long[LineRecord.TIMES];
    private final int[] ns = new int[LineRecord.TIMES];
    private int image;

    Events(EventSorter sorter, Range range) {
        this.sorter = sorter;
        this.range = range;
    }

    /** The image (or body file), by its index in the timeline's list, that the next records come from. */
    void image(int index) {
        image = index;
    }

    /** Adds the events of the record at {@code at} (after its length) of {@code length} bytes. */
    void add(byte[] b, int at, int length) throws IOException {
        for (int i = 0; i < LineRecord.TIMES; i++) {
            s[i] = LineRecord.seconds(b, at, i);
            ns[i] = LineRecord.nanos(b, at, i);
        }
        int payload = at + LineRecord.PAYLOAD;
        int payloadLength = length - LineRecord.PAYLOAD;
        for (int i = 0; i < LineRecord.TIMES; i++) {
            if ((s[i] == 0 && ns[i] == 0) || !range.contains(s[i], ns[i]) || seenBefore(i)) {
                continue;
            }
            int macb = LETTER[i];
            for (int j = i + 1; j < LineRecord.TIMES; j++) {
                if (s[j] == s[i] && ns[j] == ns[i]) {
                    macb |= LETTER[j];
                }
            }
            sorter.add(s[i], ns[i], macb, image, b, payload, payloadLength);
        }
    }

    private boolean seenBefore(int i) {
        for (int j = 0; j < i; j++) {
            if (s[j] == s[i] && ns[j] == ns[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The half-open range {@code [from, to)} of instants kept; {@code null} bounds are open.
     *
     * @param from seconds and nanoseconds of the first instant kept, or {@code null}
     * @param to seconds and nanoseconds of the first instant no longer kept, or {@code null}
     */
    record Range(long[] from, long[] to) {
        static final Range ALL = new Range(null, null);

        boolean contains(long seconds, int nanos) {
            return (from == null || compare(seconds, nanos, from) >= 0)
                    && (to == null || compare(seconds, nanos, to) < 0);
        }

        private static int compare(long seconds, int nanos, long[] bound) {
            int c = Long.compare(seconds, bound[0]);
            return c != 0 ? c : Long.compare(nanos, bound[1]);
        }
    }

    /** Receives the worker's output, whole records in pieces as the pipe delivers them, and adds their events. */
    static final class Stream extends OutputStream {
        private final Events events;
        private byte[] pending = new byte[1 << 16];
        private int n;

        Stream(Events events) {
            this.events = events;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (n + len > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, n + len));
            }
            System.arraycopy(b, off, pending, n, len);
            n += len;
            int at = 0;
            while (n - at >= Integer.BYTES) {
                int length = (int) LineRecord.I32.get(pending, at);
                if (length < LineRecord.PAYLOAD) {
                    throw new IOException("the analysis worker sent a record of " + length + " bytes, too short");
                }
                if (n - at - Integer.BYTES < length) {
                    break;
                }
                events.add(pending, at + Integer.BYTES, length);
                at += Integer.BYTES + length;
            }
            System.arraycopy(pending, at, pending, 0, n - at);
            n -= at;
        }

        /** Bytes received that are not a whole record yet (none when the worker ended cleanly). */
        int leftover() {
            return n;
        }
    }
}

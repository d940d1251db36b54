package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.output.ByteOut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** How the timeline's rows are written: {@link MactimeFormat}, {@link CsvFormat}, {@link JsonlFormat}. */
abstract class RowFormat {
    private static final byte[][] MACB = new byte[16][];
    private static final byte[] FILE_NAME_MARK = " ($FILE_NAME)".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINK_MARK = " -> ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELETED_MARK = " (deleted)".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REALLOCATED_MARK = " (deleted-realloc)".getBytes(StandardCharsets.US_ASCII);
    static final String[] STATES = {"allocated", "deleted", "reallocated", "unknown"};

    static {
        for (int i = 0; i < MACB.length; i++) {
            MACB[i] = new byte[] {
                (byte) ((i & Row.M) != 0 ? 'm' : '.'),
                (byte) ((i & Row.A) != 0 ? 'a' : '.'),
                (byte) ((i & Row.C) != 0 ? 'c' : '.'),
                (byte) ((i & Row.B) != 0 ? 'b' : '.')
            };
        }
    }

    /** The images and body files as the user named them, by index, as CSV and JSON text (once, not per row). */
    private final byte[][] csvSources;

    private final byte[][] jsonSources;

    RowFormat(List<String> sources) {
        this.csvSources = sources.stream().map(Text::csv).toArray(byte[][]::new);
        this.jsonSources = sources.stream().map(Text::json).toArray(byte[][]::new);
    }

    /** The row's image or body file inside a double-quoted CSV field. */
    byte[] csvSource(Row r) {
        return csvSources[r.image];
    }

    /** The row's image or body file inside a JSON string. */
    byte[] jsonSource(Row r) {
        return jsonSources[r.image];
    }

    static RowFormat of(Timeline.Format format, List<String> sources) {
        return switch (format) {
            case MACTIME -> new MactimeFormat(sources);
            case CSV -> new CsvFormat(sources);
            case JSONL -> new JsonlFormat(sources);
        };
    }

    /** What comes before the first row (a CSV header). */
    abstract void header(ByteOut out) throws IOException;

    abstract void row(ByteOut out, Row r) throws IOException;

    /** {@code m.c.}: mactime's Type column. */
    static void macb(ByteOut out, int macb) throws IOException {
        out.write(MACB[macb & 0xF]);
    }

    /** A part of the payload as written: ASCII texts (partition, inode, mode). */
    static void ascii(ByteOut out, Row r, int at, int length) throws IOException {
        out.write(r.buf, at, length);
    }

    /** How a name is written: display form for CSV, exact for JSON. */
    interface Names {
        void write(ByteOut out, byte[] b, int from, int length) throws IOException;
    }

    /**
     * The name as {@code fls -m} writes it, in one field: path, {@code :stream}, {@code ($FILE_NAME)}, {@code ->
     * target} and the deleted mark ({@code (deleted)}, {@code (deleted-realloc)}), each name part through
     * {@code names}.
     */
    static void flsName(ByteOut out, Row r, Names names) throws IOException {
        names.write(out, r.buf, r.pathAt(), r.pathLength());
        if (r.wholeName()) {
            return;
        }
        if (r.streamLength() > 0) {
            out.write(':');
            names.write(out, r.buf, r.streamAt(), r.streamLength());
        }
        if (r.fileName()) {
            out.write(FILE_NAME_MARK);
        }
        if (r.linkLength() > 0) {
            out.write(LINK_MARK);
            names.write(out, r.buf, r.linkAt(), r.linkLength());
        }
        if (r.state() == LineRecord.DELETED) {
            out.write(DELETED_MARK);
        } else if (r.state() == LineRecord.REALLOCATED) {
            out.write(REALLOCATED_MARK);
        }
    }
}

package dev.exhibit.analyze.output;

import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.content.MediaTypes;
import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystemType;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.util.Locale;

/**
 * The listing as a table for a person at a terminal: partition, type as fls writes it ({@code r/r}, {@code d/d}),
 * state ({@code alloc}, {@code deleted}, {@code realloc} for a deleted name whose metadata is in use again, {@code
 * orphan}), the inode address as fls writes it, the size in bytes, the four times to the second in UTC, and the path
 * in its display form, with the stream ({@code :Zone.Identifier}) and a symbolic link's target. Columns have fixed
 * widths, so each line is written as the walk reaches it; a longer value shifts the rest of its line.
 */
public final class TableWriter extends StreamRecords {
    private static final int PARTITION_WIDTH = 4;
    private static final int STATE_WIDTH = 7;
    private static final int INODE_WIDTH = 12;
    private static final int SIZE_WIDTH = 12;
    private static final int TIME_WIDTH = 19;

    /** Width of the media-type column; a longer type shifts the rest of its line. */
    private static final int TYPE_WIDTH = 24;

    /** The first line of a listing that reads no content. */
    public static final String HEADING = heading(ContentOptions.NONE);

    /**
     * The first line, naming every column and the zone of the times, aligned as the rows are: with digests asked, a
     * column for the first of them; with types, one for the media type.
     */
    public static String heading(ContentOptions content) {
        StringBuilder b = new StringBuilder(String.format(
                "%-" + (PARTITION_WIDTH + 1) + "s%-5s%-" + (STATE_WIDTH + 1) + "s%" + INODE_WIDTH + "s%" + SIZE_WIDTH
                        + "s  %-" + TIME_WIDTH + "s  %-" + TIME_WIDTH + "s  %-" + TIME_WIDTH + "s  %-" + TIME_WIDTH
                        + "s",
                "Part",
                "Type",
                "State",
                "Inode",
                "Size",
                "Modified (UTC)",
                "Accessed (UTC)",
                "Changed (UTC)",
                "Created (UTC)"));
        if (!content.algorithms().isEmpty()) {
            HashAlgorithm a = content.algorithms().getFirst();
            b.append("  ").append(String.format("%-" + hexWidth(a) + "s", a.id().toUpperCase(Locale.ROOT)));
        }
        if (content.types()) {
            b.append("  ").append(String.format("%-" + TYPE_WIDTH + "s", "Media type"));
        }
        return b.append("  Path\n").toString();
    }

    private final ByteOut out;
    private final String partition;
    private final ContentOptions content;
    private final ContentSlot slot;

    /**
     * @param partition the partition's name ({@code p2}), or {@code null} for a file system without a partition
     * @param content the columns {@link #heading} gave for what the listing reads
     * @param slot where each row gets them
     */
    public TableWriter(ByteOut out, String partition, FileSystemType type, ContentOptions content, ContentSlot slot) {
        super(type);
        this.out = out;
        this.partition = partition == null ? "-" : partition;
        this.content = content;
        this.slot = slot;
    }

    @Override
    void record(Entry e, boolean orphan, long attr) throws IOException {
        boolean meta = e.hasMeta();
        boolean deleted = e.nameDeleted();
        boolean metaAllocated = meta && (e.metaFlags() & Entry.META_ALLOC) != 0;
        left(partition, PARTITION_WIDTH);
        out.write(' ');
        // a directory's data stream is data, shown as a file as fls -l shows it (d/r)
        boolean dirData =
                meta && attr != 0 && Attribute.type(attr) == Attribute.NTFS_DATA && e.metaType() == Entry.META_TYPE_DIR;
        out.write(BodyfileWriter.letter(BodyfileWriter.NAME_LETTERS, e.nameType()))
                .write('/')
                .write(!meta ? '-' : dirData ? 'r' : BodyfileWriter.letter(BodyfileWriter.META_LETTERS, e.metaType()))
                .ascii("  ");
        String state = orphan ? "orphan" : !deleted ? "alloc" : metaAllocated ? "realloc" : "deleted";
        left(state, STATE_WIDTH);
        out.write(' ');
        String inode = Long.toUnsignedString(e.nameMetaAddress())
                + (attr == 0 ? "" : "-" + Integer.toUnsignedString(Attribute.type(attr)) + "-" + Attribute.id(attr));
        right(inode, INODE_WIDTH);
        right(meta ? Long.toString(attr != 0 ? Attribute.size(attr) : e.size()) : "-", SIZE_WIDTH);
        time(e, meta, Time.MTIME);
        time(e, meta, Time.ATIME);
        time(e, meta, Time.CTIME);
        time(e, meta, Time.CRTIME);
        slot.mark(e, attr, this::columns);
        out.ascii("  ");
        Display.write(out, path, 0, pathLength);
        byte[] stream = streamName(attr);
        if (stream != null) {
            out.write(':');
            Display.write(out, stream, 0, stream.length);
        }
        if (meta && e.metaType() == Entry.META_TYPE_LNK && e.linkTarget() != 0) {
            byte[] target = Mem.cString(e.linkTarget());
            out.ascii(" -> ");
            Display.write(out, target, 0, target.length);
        }
        out.write('\n');
        slot.end();
    }

    /** The first digest and the media type ({@code !} before it: the name's extension contradicts it), or dashes. */
    private void columns(ByteOut out, StreamContent c) throws IOException {
        if (!content.algorithms().isEmpty()) {
            HashAlgorithm a = content.algorithms().getFirst();
            out.ascii("  ");
            String hex = c == null ? "-" : c.hex(a);
            out.ascii(hex);
            pad(out, hexWidth(a) - hex.length());
        }
        if (content.types()) {
            out.ascii("  ");
            MediaTypes.Detection t = c == null ? null : c.type();
            String type = t == null ? "-" : (t.extensionMismatch() ? "!" : "") + t.mediaType();
            out.ascii(type);
            pad(out, TYPE_WIDTH - type.length());
        }
    }

    private static int hexWidth(HashAlgorithm a) {
        return a.newDigest().getDigestLength() * 2;
    }

    private void time(Entry e, boolean meta, Time t) throws IOException {
        out.ascii("  ");
        if (!meta || (e.seconds(t) == 0 && e.nanos(t) == 0)) {
            left("-", TIME_WIDTH);
        } else {
            IsoTime.writeSeconds(out, e.seconds(t));
        }
    }

    private void left(String s, int width) throws IOException {
        out.ascii(s);
        pad(width - s.length());
    }

    private void right(String s, int width) throws IOException {
        pad(width - s.length());
        out.ascii(s);
    }

    private void pad(int n) throws IOException {
        pad(out, n);
    }

    private static void pad(ByteOut out, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            out.write(' ');
        }
    }
}

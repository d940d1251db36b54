package dev.exhibit.analyze.output;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystemType;
import java.io.IOException;

/**
 * Writers of one record per name and per data stream (JSON Lines, the table): NTFS files get one record per {@code
 * $DATA} stream and per {@code $INDEX_ROOT}, as fls lists them, HFS+ files one more for a resource fork, everything
 * else one. The path from the root is assembled once per entry, in a buffer the record reads.
 */
abstract class StreamRecords implements EntryWriter {
    private static final int HFS = 0x1000;
    private static final int HFS_LEGACY = 0x8000;
    private static final byte[] I30 = {'$', 'I', '3', '0'};

    private final FileSystemType type;
    /** {@code /}, the parent path and the name, the first {@link #pathLength} bytes. */
    byte[] path = new byte[4096];

    int pathLength;
    /** Where the name starts in {@link #path}. */
    int nameStart;

    StreamRecords(FileSystemType type) {
        this.type = type;
    }

    @Override
    public void write(Entry e, byte[] prefix) throws IOException {
        boolean dot = e.isDot();
        boolean ntfs = type.isNtfs() && e.hasMeta();
        if (dot && !ntfs) {
            return;
        }
        int parentLength = e.parentLength();
        pathLength = 1 + parentLength + e.nameLength();
        if (path.length < pathLength) {
            path = new byte[Math.max(pathLength, path.length * 2)];
        }
        path[0] = '/';
        e.copyParent(path, 1);
        e.copyName(path, 1 + parentLength);
        nameStart = 1 + parentLength;
        boolean orphan = e.inOrphanDirectory();
        if (ntfs) {
            // as fls: one record per $DATA stream and per $INDEX_ROOT (a directory's $I30 carries no stream name);
            // of "." and "..", fls keeps only the data streams of "." (Documents/.:stream), and so does this
            boolean printed = false;
            boolean dotDot = dot && e.nameLength() == 2;
            int count = e.attributeCount();
            for (int i = 0; i < count; i++) {
                long attr = e.attribute(i);
                int t = attr == 0 ? 0 : Attribute.type(attr);
                if (t == Attribute.NTFS_DATA || t == Attribute.NTFS_IDXROOT) {
                    printed = true;
                    if (!dot || (t == Attribute.NTFS_DATA && !(dotDot && e.metaType() == Entry.META_TYPE_DIR))) {
                        record(e, orphan, attr);
                    }
                }
            }
            if (!printed && !dot) {
                record(e, orphan, 0);
            }
            return;
        }
        record(e, orphan, 0);
        if ((type.code() == HFS || type.code() == HFS_LEGACY) && e.hasMeta()) {
            int count = e.attributeCount();
            for (int i = 0; i < count; i++) {
                long attr = e.attribute(i);
                if (attr != 0 && Attribute.type(attr) == Attribute.HFS_RSRC) {
                    record(e, orphan, attr);
                }
            }
        }
    }

    /**
     * One record for the entry's stream {@code attr} (0 for the file itself).
     *
     * @param orphan found by the orphan search, under {@code $OrphanFiles}
     */
    abstract void record(Entry e, boolean orphan, long attr) throws IOException;

    FileSystemType type() {
        return type;
    }

    /** The stream's name, or {@code null} for the default stream and a directory's {@code $I30} index. */
    static byte[] streamName(long attr) {
        byte[] stream = attr == 0 ? null : Attribute.name(attr);
        return stream == null || stream.length == 0 || java.util.Arrays.equals(stream, I30) ? null : stream;
    }

    /** {@code 12}, or {@code 64-128-4} for an NTFS attribute: the address as fls writes it. */
    static void inode(ByteOut out, Entry e, long attr) throws IOException {
        out.unsignedDecimal(e.nameMetaAddress());
        if (attr != 0) {
            out.write('-').unsignedDecimal(Integer.toUnsignedLong(Attribute.type(attr)));
            out.write('-').decimal(Attribute.id(attr));
        }
    }
}

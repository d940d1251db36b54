package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileNameAttribute;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.output.BodyLines;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.tsk.Mem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sandbox worker's side of a timeline: the lines {@code fls -r -m /} would write, each as a {@link LineRecord}
 * with its times to the nanosecond and its names as exact bytes. Beyond fls, which gives the {@code $FILE_NAME} times
 * libtsk kept (the last attribute parsed, whichever name it belongs to), each name gets the {@code $FILE_NAME}
 * attributes that are in its directory, read from their content: a hard link in another directory shows its own
 * times, not its twin's. When no attribute names the directory (an orphan), all of them are given.
 */
public final class TimelineLines extends BodyLines {
    private static final byte[] NONE = new byte[0];

    private final ByteOut out;
    private final byte[] partition;
    private final LineRecord.Builder record = new LineRecord.Builder();
    private final FileNameAttribute fileName = new FileNameAttribute();
    private final byte[] mode = new byte[MODE_BYTES];
    private final byte[] inode = new byte[64];
    /** Ids of the entry's $FILE_NAME attributes that are in its parent directory; decided at the first of them. */
    private int[] fileNamesHere = new int[4];

    private int fileNamesHereCount = -1;

    /** @param partition the partition's name ({@code p2}), or {@code null} */
    public TimelineLines(ByteOut out, String partition, boolean ntfs) {
        super(ntfs);
        this.out = out;
        this.partition = partition == null ? new byte[0] : partition.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(Entry e, byte[] prefix) throws IOException {
        fileNamesHereCount = -1;
        super.write(e, prefix);
    }

    @Override
    protected boolean fileNameLine(Entry e, long attr) {
        if (fileNamesHereCount < 0) {
            decideFileNames(e);
        }
        if (fileNamesHereCount == 0) {
            return true;
        }
        int id = Attribute.id(attr);
        for (int i = 0; i < fileNamesHereCount; i++) {
            if (fileNamesHere[i] == id) {
                return true;
            }
        }
        return false;
    }

    private void decideFileNames(Entry e) {
        fileNamesHereCount = 0;
        long parent = e.parentAddress();
        int count = e.attributeCount();
        for (int i = 0; i < count; i++) {
            long attr = e.attribute(i);
            if (attr != 0
                    && Attribute.type(attr) == Attribute.NTFS_FNAME
                    && fileName.read(attr)
                    && fileName.parentEntry() == parent) {
                if (fileNamesHereCount == fileNamesHere.length) {
                    fileNamesHere = Arrays.copyOf(fileNamesHere, fileNamesHereCount * 2);
                }
                fileNamesHere[fileNamesHereCount++] = Attribute.id(attr);
            }
        }
    }

    @Override
    protected void line(Entry e, byte[] prefix, long attr) throws IOException {
        if (!e.hasMeta()) {
            // fls writes 0 for every time: no event
            return;
        }
        int attrType = attr == 0 ? 0 : Attribute.type(attr);
        boolean fn = attrType == Attribute.NTFS_FNAME;
        int state = !e.nameDeleted()
                ? LineRecord.ALLOCATED
                : (e.metaFlags() & Entry.META_ALLOC) != 0 ? LineRecord.REALLOCATED : LineRecord.DELETED;
        record.start(
                fn ? LineRecord.FILE_NAME : 0, state, attr != 0 ? Attribute.size(attr) : e.size(), e.uid(), e.gid());
        if (fn) {
            if (!fileName.read(attr)) {
                return;
            }
            fileNameTime(0, Time.FN_MTIME);
            fileNameTime(1, Time.FN_ATIME);
            fileNameTime(2, Time.FN_CTIME);
            fileNameTime(3, Time.FN_CRTIME);
        } else {
            record.time(0, e.seconds(Time.MTIME), e.nanos(Time.MTIME));
            record.time(1, e.seconds(Time.ATIME), e.nanos(Time.ATIME));
            record.time(2, e.seconds(Time.CTIME), e.nanos(Time.CTIME));
            record.time(3, e.seconds(Time.CRTIME), e.nanos(Time.CRTIME));
        }
        record.shortText(partition);
        record.shortText(inode, 0, inode(e, attr, attrType));
        mode(e, mode);
        record.shortText(mode);
        int parentLength = e.parentLength();
        int nameLength = e.nameLength();
        int at = record.text(1 + parentLength + nameLength);
        byte[] b = record.array();
        b[at] = '/';
        e.copyParent(b, at + 1);
        e.copyName(b, at + 1 + parentLength);
        byte[] stream = attr != 0 && isStreamName(attr) ? Attribute.name(attr) : NONE;
        record.text(stream, 0, stream.length);
        long link = e.metaType() == Entry.META_TYPE_LNK ? e.linkTarget() : 0;
        int linkLength = link == 0 ? 0 : Mem.strlen(link);
        int linkAt = record.text(linkLength);
        if (linkLength > 0) {
            Mem.copy(link, record.array(), linkAt, linkLength);
        }
        record.finish();
        out.write(record.array(), 0, record.length());
        out.endRecord();
    }

    private void fileNameTime(int index, Time t) {
        long filetime = fileName.filetime(t);
        record.time(index, FileNameAttribute.seconds(filetime), FileNameAttribute.nanos(filetime));
    }

    /** {@code 12}, or {@code 64-128-4} for an NTFS attribute, as fls writes it; its length in {@link #inode}. */
    private int inode(Entry e, long attr, int attrType) {
        String s = Long.toUnsignedString(e.nameMetaAddress());
        if (attr != 0) {
            s = s + "-" + Integer.toUnsignedString(attrType) + "-" + Attribute.id(attr);
        }
        for (int i = 0; i < s.length(); i++) {
            inode[i] = (byte) s.charAt(i);
        }
        return s.length();
    }
}

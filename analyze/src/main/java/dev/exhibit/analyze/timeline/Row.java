package dev.exhibit.analyze.timeline;

/**
 * One row of the timeline, as the formats read it: an instant, its MACB letters, the image it came from, and the
 * payload of its {@link LineRecord} (names as exact bytes). A view over a buffer that the sorter refills for each row:
 * valid until the next one.
 */
final class Row {
    /** MACB bits: modified, accessed, changed, born (created). */
    static final int M = 1;

    static final int A = 2;
    static final int C = 4;
    static final int B = 8;

    long seconds;
    int nanos;
    int macb;
    int image;
    byte[] buf;
    /** Where the payload starts in {@link #buf}, and its bytes. */
    int payloadAt;

    int payloadLength;
    private int flags;
    private int state;
    private long size;
    private long uid;
    private long gid;
    private int partition;
    private int inode;
    private int mode;
    private int path;
    private int stream;
    private int link;

    /** Points the view at the payload at {@code at} in {@code b}. */
    void payload(byte[] b, int at) {
        buf = b;
        flags = b[at] & 0xFF;
        state = b[at + 1] & 0xFF;
        size = (long) LineRecord.I64.get(b, at + 2);
        uid = (long) LineRecord.I64.get(b, at + 10);
        gid = (long) LineRecord.I64.get(b, at + 18);
        partition = at + 26;
        inode = partition + 1 + (b[partition] & 0xFF);
        mode = inode + 1 + (b[inode] & 0xFF);
        path = mode + 1 + (b[mode] & 0xFF);
        stream = path + Integer.BYTES + length(path);
        link = stream + Integer.BYTES + length(stream);
        payloadAt = at;
        payloadLength = link + Integer.BYTES + length(link) - at;
    }

    boolean fileName() {
        return (flags & LineRecord.FILE_NAME) != 0;
    }

    /** The path is a body file's whole name field ({@link LineRecord#WHOLE_NAME}). */
    boolean wholeName() {
        return (flags & LineRecord.WHOLE_NAME) != 0;
    }

    int state() {
        return state;
    }

    long size() {
        return size;
    }

    long uid() {
        return uid;
    }

    long gid() {
        return gid;
    }

    int partitionAt() {
        return partition + 1;
    }

    int partitionLength() {
        return buf[partition] & 0xFF;
    }

    int inodeAt() {
        return inode + 1;
    }

    int inodeLength() {
        return buf[inode] & 0xFF;
    }

    int modeAt() {
        return mode + 1;
    }

    int modeLength() {
        return buf[mode] & 0xFF;
    }

    int pathAt() {
        return path + Integer.BYTES;
    }

    int pathLength() {
        return length(path);
    }

    int streamAt() {
        return stream + Integer.BYTES;
    }

    int streamLength() {
        return length(stream);
    }

    int linkAt() {
        return link + Integer.BYTES;
    }

    int linkLength() {
        return length(link);
    }

    private int length(int at) {
        return (int) LineRecord.I32.get(buf, at);
    }
}

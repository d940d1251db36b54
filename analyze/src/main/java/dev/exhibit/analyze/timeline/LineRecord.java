package dev.exhibit.analyze.timeline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One line of a body file (a file, an NTFS stream or {@code $FILE_NAME}) as the binary record the timeline sorts:
 * what the sandbox worker writes for each line of its walk, and what a body file's lines become. Little-endian:
 *
 * <pre>
 * u32 length of the rest
 * 4 x (i64 seconds, i32 nanoseconds)  mtime, atime, ctime, crtime; 0 and 0 when unset
 * payload, copied unchanged into each event of the line ({@link Row} reads it):
 *   u8 flags ({@link #FILE_NAME}, {@link #WHOLE_NAME}), u8 state ({@link #ALLOCATED}...), i64 size, i64 uid, i64 gid,
 *   u8 length + partition, u8 length + inode, u8 length + mode, i32 length + path, i32 length + stream,
 *   i32 length + symbolic-link target
 * </pre>
 *
 * <p>Texts are the exact bytes (names from the file system, ASCII for partition, inode and mode).
 */
final class LineRecord {
    /** Flag: the times are those of an NTFS {@code $FILE_NAME} attribute, not {@code $STANDARD_INFORMATION}. */
    static final int FILE_NAME = 1;

    /**
     * Flag: the path is a body file's whole name field, marks included ({@code :stream}, {@code ($FILE_NAME)},
     * {@code -> target}, {@code (deleted)}), which cannot be taken apart safely since a name can hold any of them.
     */
    static final int WHOLE_NAME = 2;

    /** The name's state: in use, deleted, deleted with its metadata in use again, or unknown (a body file). */
    static final int ALLOCATED = 0;

    static final int DELETED = 1;
    static final int REALLOCATED = 2;
    static final int UNKNOWN = 3;

    static final int TIMES = 4;
    static final int TIME_BYTES = 12;
    /** Where the payload starts, counted after the length. */
    static final int PAYLOAD = TIMES * TIME_BYTES;

    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LineRecord() {}

    static long seconds(byte[] b, int record, int time) {
        return (long) I64.get(b, record + time * TIME_BYTES);
    }

    static int nanos(byte[] b, int record, int time) {
        return (int) I32.get(b, record + time * TIME_BYTES + Long.BYTES);
    }

    /** Builds one record, length prefix included, in a reusable buffer. */
    static final class Builder {
        private byte[] b = new byte[1024];
        private int n;

        /** Starts a record: the length, the four times, the flags and state, size and owner. */
        Builder start(int flags, int state, long size, long uid, long gid) {
            n = Integer.BYTES + PAYLOAD;
            Arrays.fill(b, 0, n, (byte) 0);
            room(2 + 3 * Long.BYTES);
            b[n++] = (byte) flags;
            b[n++] = (byte) state;
            putLong(size);
            putLong(uid);
            putLong(gid);
            return this;
        }

        /** Time {@code index} (0 mtime, 1 atime, 2 ctime, 3 crtime). */
        Builder time(int index, long seconds, long nanos) {
            int at = Integer.BYTES + index * TIME_BYTES;
            I64.set(b, at, seconds);
            I32.set(b, at + Long.BYTES, (int) nanos);
            return this;
        }

        /** A text of at most 255 bytes (partition, inode, mode). */
        Builder shortText(byte[] text, int from, int length) {
            if (length > 255) {
                throw new IllegalArgumentException("text of " + length + " bytes where at most 255 fit");
            }
            room(1 + length);
            b[n++] = (byte) length;
            System.arraycopy(text, from, b, n, length);
            n += length;
            return this;
        }

        Builder shortText(byte[] text) {
            return shortText(text, 0, text.length);
        }

        /** Reserves a text of {@code length} bytes and returns where to copy it in {@link #array()}. */
        int text(int length) {
            room(Integer.BYTES + length);
            I32.set(b, n, length);
            n += Integer.BYTES;
            int at = n;
            n += length;
            return at;
        }

        Builder text(byte[] text, int from, int length) {
            System.arraycopy(text, from, b, text(length), length);
            return this;
        }

        /** Ends the record: its bytes are the first {@link #length()} of {@link #array()}. */
        void finish() {
            I32.set(b, 0, n - Integer.BYTES);
        }

        byte[] array() {
            return b;
        }

        int length() {
            return n;
        }

        private void putLong(long v) {
            I64.set(b, n, v);
            n += Long.BYTES;
        }

        private void room(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }
    }
}

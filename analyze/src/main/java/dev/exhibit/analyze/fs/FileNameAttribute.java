package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Mem;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads an NTFS {@code $FILE_NAME} attribute (type 48) from its content, as {@code istat} does: the parent directory's
 * MFT entry and the four times the attribute holds. libtsk copies the times of only one {@code $FILE_NAME} of a file
 * into its metadata (the last it parsed), while a file has one per hard link and one more for a DOS name, each with
 * its own times; so each attribute is read here. One reader is reused for every attribute of a walk.
 *
 * <p>The content starts: parent reference (8 bytes: MFT entry in the low 48 bits), then creation, modification, MFT
 * modification and access times as FILETIMEs (100-nanosecond intervals since 1601-01-01, little-endian).
 */
public final class FileNameAttribute {
    /** Bytes read: the parent reference and the four times. */
    static final int HEAD_BYTES = 40;

    private static final long ENTRY_MASK = (1L << 48) - 1;
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;

    private static final long TICKS_PER_SECOND = 10_000_000;
    private static final int NANOS_PER_TICK = 100;
    private static final int CRTIME = 8;
    private static final int MTIME = 16;
    private static final int CTIME = 24;
    private static final int ATIME = 32;

    private final MemorySegment buffer = Arena.ofAuto().allocate(HEAD_BYTES);

    /** Reads {@code attr}; false when libtsk cannot give its first 40 bytes (the reader then holds nothing). */
    public boolean read(long attr) {
        long n = Calls.attrRead(attr, 0, buffer.address(), HEAD_BYTES);
        if (n < HEAD_BYTES) {
            Calls.errorReset();
            return false;
        }
        return true;
    }

    /** The MFT entry of the directory the name is in. */
    public long parentEntry() {
        return Mem.i64(buffer.address()) & ENTRY_MASK;
    }

    /** Which time: {@link Time#FN_MTIME}, {@link Time#FN_ATIME}, {@link Time#FN_CTIME} or {@link Time#FN_CRTIME}. */
    public long filetime(Time t) {
        int at = switch (t) {
            case FN_MTIME -> MTIME;
            case FN_ATIME -> ATIME;
            case FN_CTIME -> CTIME;
            case FN_CRTIME -> CRTIME;
            default -> throw new IllegalArgumentException(t + " is not a $FILE_NAME time");
        };
        return Mem.i64(buffer.address() + at);
    }

    /**
     * UNIX seconds of a FILETIME, exactly (libtsk's own conversion makes times before 1970 0 and wraps after 2106);
     * 0 for FILETIME 0, which means unset.
     */
    public static long seconds(long filetime) {
        if (filetime == 0) {
            return 0;
        }
        return Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
    }

    /** The nanoseconds of a FILETIME (a multiple of 100). */
    public static long nanos(long filetime) {
        return Long.remainderUnsigned(filetime, TICKS_PER_SECOND) * NANOS_PER_TICK;
    }
}

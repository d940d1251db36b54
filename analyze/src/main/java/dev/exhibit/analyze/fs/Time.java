package dev.exhibit.analyze.fs;

import dev.exhibit.analyze.tsk.Layouts;

/**
 * The times of a file's metadata ({@code TSK_FS_META}): the four standard ones and NTFS's $FILE_NAME copies. Seconds
 * are signed 64-bit UNIX time; each is followed in the struct by its nanoseconds, 4 bytes wide for the standard times
 * and 8 bytes for the NTFS ones.
 */
public enum Time {
    MTIME(Layouts.META_MTIME, false),
    ATIME(Layouts.META_ATIME, false),
    CTIME(Layouts.META_CTIME, false),
    CRTIME(Layouts.META_CRTIME, false),
    FN_MTIME(Layouts.META_FN_MTIME, true),
    FN_ATIME(Layouts.META_FN_ATIME, true),
    FN_CTIME(Layouts.META_FN_CTIME, true),
    FN_CRTIME(Layouts.META_FN_CRTIME, true);

    final long secondsOffset;
    final boolean wideNanos;

    Time(long secondsOffset, boolean wideNanos) {
        this.secondsOffset = secondsOffset;
        this.wideNanos = wideNanos;
    }

    long nanosOffset() {
        return secondsOffset + Layouts.META_NANO_AFTER_SECONDS;
    }
}

package dev.exhibit.analyze.timeline;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a TSK 3.x body file ({@code MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime}, as {@code fls -m},
 * {@code tsk_gettimes} or {@code exhibit analyze files --bodyfile} write it) into line records. The input is untrusted
 * and read byte by byte, never as text: names keep their exact bytes.
 *
 * <ul>
 *   <li>A name may hold {@code |} (fls writes it raw, and mactime drops such lines): the nine fixed fields are
 *       counted from the end of the line, so the name is everything between the first field and them.
 *   <li>Times are decimal seconds, signed, with an optional fraction of up to nine digits ({@code 1577934245.5},
 *       the form plaso reads); mactime truncates fractions, this keeps them.
 *   <li>Lines starting with {@code #} and blank lines are skipped, as mactime does; a final {@code \r} is dropped.
 *   <li>Anything else that does not parse is an error naming the file and the line number (from 1), never a line
 *       skipped in silence.
 * </ul>
 */
final class BodyfileSource {
    /** Fields after the name: inode, mode, UID, GID, size and the four times. */
    private static final int FIXED_AFTER_NAME = 9;

    /** Longest line read: far beyond any path a file system holds, short of exhausting memory. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final int[] TIME_FIELD = {1, 0, 2, 3};
    private static final String[] TIME_NAMES = {"atime", "mtime", "ctime", "crtime"};
    private static final int NANOS_DIGITS = 9;

    private final String name;
    private final Events events;
    private final LineRecord.Builder record = new LineRecord.Builder();
    private final int[] bars = new int[FIXED_AFTER_NAME];
    private final long[] time = new long[2];
    private long lineNumber;

    /** @param name the body file as the user named it, for messages */
    BodyfileSource(String name, Events events) {
        this.name = name;
        this.events = events;
    }

    /** Reads every line of {@code in} and adds its events. */
    void read(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 20];
        int n = 0;
        while (true) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
            int start = 0;
            for (int i = indexOf(buf, start, n); i >= 0; i = indexOf(buf, start, n)) {
                line(buf, start, i);
                start = i + 1;
            }
            System.arraycopy(buf, start, buf, 0, n - start);
            n -= start;
            if (n == buf.length) {
                if (buf.length >= MAX_LINE_BYTES) {
                    throw malformed("longer than " + MAX_LINE_BYTES + " bytes");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (n > 0) {
            line(buf, 0, n);
        }
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** One line, {@code from} to {@code to} (exclusive, without its newline). */
    void line(byte[] b, int from, int to) throws IOException {
        lineNumber++;
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        if (to == from || b[from] == '#' || blank(b, from, to)) {
            return;
        }
        int firstBar = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '|') {
                firstBar = i;
                break;
            }
        }
        int found = 0;
        for (int i = to - 1; i > firstBar && found < FIXED_AFTER_NAME; i--) {
            if (b[i] == '|') {
                bars[found++] = i;
            }
        }
        if (firstBar < 0 || found < FIXED_AFTER_NAME) {
            int fields = firstBar < 0 ? 1 : found + 2;
            throw malformed("has " + fields + (fields == 1 ? " field" : " fields") + " where a body file line has 11"
                    + " (MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime)");
        }
        // bars[8] ends the name; fields k = 0..8 after it: inode, mode, uid, gid, size, atime, mtime, ctime, crtime
        int inodeFrom = bars[8] + 1;
        int inodeTo = bars[7];
        checkText("inode", b, inodeFrom, inodeTo, true);
        checkText("mode", b, bars[7] + 1, bars[6], false);
        long uid = unsigned("UID", b, bars[6] + 1, bars[5]);
        long gid = unsigned("GID", b, bars[5] + 1, bars[4]);
        long size = unsigned("size", b, bars[4] + 1, bars[3]);
        boolean fileName = isFileNameAttribute(b, inodeFrom, inodeTo);
        record.start(LineRecord.WHOLE_NAME | (fileName ? LineRecord.FILE_NAME : 0), LineRecord.UNKNOWN, size, uid, gid);
        for (int t = 0; t < LineRecord.TIMES; t++) {
            // body order is atime, mtime, ctime, crtime; records hold mtime, atime, ctime, crtime
            int field = TIME_FIELD[t];
            int fieldFrom = bars[3 - field] + 1;
            int fieldTo = field == 3 ? to : bars[2 - field];
            time(b, fieldFrom, fieldTo, TIME_NAMES[field]);
            record.time(t, time[0], time[1]);
        }
        record.shortText(b, 0, 0);
        record.shortText(b, inodeFrom, inodeTo - inodeFrom);
        record.shortText(b, bars[7] + 1, bars[6] - bars[7] - 1);
        record.text(b, firstBar + 1, bars[8] - firstBar - 1);
        record.text(b, 0, 0);
        record.text(b, 0, 0);
        record.finish();
        events.add(record.array(), Integer.BYTES, record.length() - Integer.BYTES);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** An NTFS address of type 48 ({@code 64-48-3}): the line holds {@code $FILE_NAME} times. */
    private static boolean isFileNameAttribute(byte[] b, int from, int to) {
        int dash = -1;
        for (int i = from; i < to; i++) {
            if (b[i] == '-') {
                dash = i;
                break;
            }
        }
        return dash >= 0 && to - dash > 4 && b[dash + 1] == '4' && b[dash + 2] == '8' && b[dash + 3] == '-';
    }

    private void checkText(String field, byte[] b, int from, int to, boolean required) {
        if (to - from > 255 || (required && to == from)) {
            throw malformed("has " + field + " of " + (to - from) + " bytes (1 to 255 expected)");
        }
        for (int i = from; i < to; i++) {
            if (b[i] <= ' ' || b[i] >= 0x7F || b[i] == ',' || b[i] == '"') {
                throw malformed("has " + field + " '" + text(b, from, to) + "', not printable ASCII without spaces,"
                        + " commas and quotes");
            }
        }
    }

    private long unsigned(String field, byte[] b, int from, int to) {
        if (to == from || to - from > 18) {
            throw malformed("has " + field + " '" + text(b, from, to) + "', not a number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw malformed("has " + field + " '" + text(b, from, to) + "', not a number");
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Seconds with an optional sign and fraction into {@link #time}. */
    private void time(byte[] b, int from, int to, String field) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        int dot = i;
        while (dot < to && b[dot] != '.') {
            dot++;
        }
        int digits = dot - i;
        int fraction = dot < to ? to - dot - 1 : 0;
        if (digits == 0 || digits > 18 || (dot < to && (fraction == 0 || fraction > NANOS_DIGITS))) {
            throw malformed("has " + field + " '" + text(b, from, to) + "', not seconds (digits, and at most nine"
                    + " after a point)");
        }
        long seconds = 0;
        for (int k = i; k < dot; k++) {
            seconds = seconds * 10 + digit(b[k], field, b, from, to);
        }
        long nanos = 0;
        for (int k = 0; k < NANOS_DIGITS; k++) {
            nanos = nanos * 10 + (k < fraction ? digit(b[dot + 1 + k], field, b, from, to) : 0);
        }
        if (negative && nanos > 0) {
            // -1.25 is 1.25 s before the epoch: -2 s plus 0.75 s
            seconds = -seconds - 1;
            nanos = 1_000_000_000 - nanos;
        } else if (negative) {
            seconds = -seconds;
        }
        time[0] = seconds;
        time[1] = nanos;
    }

    private int digit(byte c, String field, byte[] b, int from, int to) {
        if (c < '0' || c > '9') {
            throw malformed("has " + field + " '" + text(b, from, to) + "', not seconds");
        }
        return c - '0';
    }

    private static String text(byte[] b, int from, int to) {
        return dev.exhibit.analyze.output.Display.of(b, from, Math.min(to - from, 40));
    }

    private ExhibitException malformed(String what) {
        return ExhibitException.evidence(name + ": line " + lineNumber + " " + what);
    }
}

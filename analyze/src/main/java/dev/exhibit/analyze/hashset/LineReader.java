package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The lines of a hash list as bytes (names in a list may be any bytes), numbered from 1, without the line end ({@code
 * \n} or {@code \r\n}); no allocation per line. A line longer than {@link #MAX_LINE_BYTES} is refused.
 */
final class LineReader {
    static final int MAX_LINE_BYTES = 1 << 20;
    /** How much of a bad line an error quotes. */
    private static final int QUOTED_BYTES = 120;

    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[MAX_LINE_BYTES + 1];
    private int filled;
    private int next;
    private boolean eof;
    private long number;
    private int start;
    private int end;

    LineReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Moves to the next line; false at the end of the file. */
    boolean next() throws IOException {
        while (true) {
            for (int i = next; i < filled; i++) {
                if (buf[i] == '\n') {
                    return line(next, i, i + 1);
                }
            }
            if (eof) {
                return next < filled && line(next, filled, filled);
            }
            if (next > 0) {
                System.arraycopy(buf, next, buf, 0, filled - next);
                filled -= next;
                next = 0;
            }
            if (filled == buf.length) {
                number++;
                start = 0;
                end = filled;
                throw error("is longer than " + MAX_LINE_BYTES + " bytes; this is not a hash list");
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
    }

    private boolean line(int from, int to, int after) {
        number++;
        start = from;
        end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        next = after;
        return true;
    }

    byte[] bytes() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    long number() {
        return number;
    }

    /** Whether the line is empty or only spaces and tabs. */
    boolean blank() {
        for (int i = start; i < end; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    boolean startsWith(String ascii) {
        if (end - start < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** One line naming the file, the line number and what is wrong, quoting the line as it can be shown. */
    ExhibitException error(String what) {
        int shown = Math.min(end - start, QUOTED_BYTES);
        String text = Badges.visible(new String(buf, start, Math.max(0, shown), StandardCharsets.UTF_8));
        return ExhibitException.usage(file + ": line " + number + " " + what + " (the line reads \"" + text
                + (end - start > QUOTED_BYTES ? "\"...)" : "\")"));
    }
}

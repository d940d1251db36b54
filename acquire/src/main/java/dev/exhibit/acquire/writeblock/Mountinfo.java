package dev.exhibit.acquire.writeblock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mounts of this process's mount namespace, from {@code /proc/self/mountinfo} (proc(5)): one line per mount,
 * {@code ID PARENT MAJOR:MINOR ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER_OPTIONS}, where space, tab,
 * newline and backslash in paths are written as octal escapes ({@code \040}, {@code \011}, {@code \012},
 * {@code \134}).
 */
final class Mountinfo {
    static final Path PROC_SELF = Path.of("/proc/self/mountinfo");

    /**
     * One mount.
     *
     * @param devNumber {@code MAJOR:MINOR} of the mounted device (an anonymous 0:N for btrfs and virtual file systems)
     * @param source the mount source as given to mount(2), e.g. {@code /dev/sdb1}
     */
    record Mount(String devNumber, String root, String mountPoint, String fsType, String source, String options) {}

    private Mountinfo() {}

    static List<Mount> read() throws IOException {
        return parse(text());
    }

    /** The raw mountinfo text, read as ISO-8859-1 so that every byte stays one char. */
    static String text() throws IOException {
        return Files.readString(PROC_SELF, StandardCharsets.ISO_8859_1);
    }

    /** Parses mountinfo text read as ISO-8859-1 (bytes kept one to one); malformed lines are skipped. */
    static List<Mount> parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 10 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            mounts.add(new Mount(f[2], unescape(f[3]), unescape(f[4]), f[dash + 1], unescape(f[dash + 2]), f[5]));
        }
        return mounts;
    }

    /** Undoes the kernel's {@code \ooo} octal escapes and decodes the bytes as UTF-8 (invalid bytes become U+FFFD). */
    static String unescape(String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}

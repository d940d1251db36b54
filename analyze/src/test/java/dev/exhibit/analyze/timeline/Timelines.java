package dev.exhibit.analyze.timeline;

import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.testkit.Tsk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timelines made in this JVM (the worker's records written in-process), and the Sleuth Kit's tools as oracles. */
final class Timelines {
    private static final Pattern ISTAT_TIME =
            Pattern.compile("^(Created|File Modified|MFT Modified|Accessed|Inode Modified|File Created):\\s+"
                    + "(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d\\.\\d{9}) \\(UTC\\)$");

    private static final Pattern C0_BADGE = Pattern.compile("⟨U\\+00[01][0-9A-F]⟩");
    private static final Pattern BYTE_BADGE = Pattern.compile("⟨0x[0-9A-F]{2}⟩");

    private Timelines() {}

    /** The timeline of the file systems {@code selection} picks in {@code image}, in {@code format}. */
    static String of(Path image, Selection selection, Timeline.Format format, Instant from, Instant to) {
        return new String(bytes(image, selection, format, from, to), StandardCharsets.UTF_8);
    }

    /** The same, as the bytes written. */
    static byte[] bytes(Path image, Selection selection, Timeline.Format format, Instant from, Instant to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Timeline t = new Timeline(format, from, to, Path.of(System.getProperty("java.io.tmpdir")))) {
            try (ByteOut out = ByteOut.to(Channels.newChannel(t.image(image.toString())))) {
                FileListing.run(
                        new FileListing.Request(image, selection, FileListing.Format.TIMELINE),
                        out,
                        FileListing.Progress.NONE,
                        Diagnostics.ignored());
            }
            t.write(Channels.newChannel(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String of(Path image, Selection selection, Timeline.Format format) {
        return of(image, selection, format, null, null);
    }

    /**
     * {@code mactime -y -d} of {@code fls -r -m / -o SECTOR}'s body file: the rows after the header, without the ones
     * of time 0 ({@code 0000-00-00T00:00:00Z}: an unset time, which the timeline leaves out).
     */
    static List<String> mactime(Path image, long sector, String type, Path tmp) throws IOException {
        Path body = Files.write(tmp.resolve("fls-" + sector + ".body"), Tsk.bodyfile(image, sector, type));
        // the tools' output is read as ISO-8859-1, byte for char; names are UTF-8
        String out = new String(
                Tsk.run("mactime", "-y", "-d", "-b", body.toString())
                        .ok()
                        .stdout()
                        .getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        return out.lines().skip(1).filter(l -> !l.startsWith("0000-00-00")).toList();
    }

    /**
     * Rows of our mactime form as mactime would print them: the date cut to the second, the Image and Partition
     * columns dropped, and rows of one file in one second merged into one with all their letters (mactime keys its
     * rows by second, inode and name).
     */
    static List<String> toSeconds(String ours) {
        Map<String, char[]> merged = new TreeMap<>();
        for (String line : ours.lines().skip(1).toList()) {
            String date = line.substring(0, 19) + "Z";
            String rest = line.substring(line.indexOf(','));
            rest = rest.substring(0, rest.lastIndexOf(",\""));
            String[] cells = rest.split(",", 4);
            // fls writes control characters in names as '^', and mactime writes U+FFFD for a byte that is not
            // UTF-8: the display form's badges of both, made the same
            String name = C0_BADGE.matcher(cells[3]).replaceAll("^");
            String key = date + "," + cells[1] + "\0" + BYTE_BADGE.matcher(name).replaceAll("\uFFFD");
            char[] letters = merged.computeIfAbsent(key, k -> "....".toCharArray());
            for (int i = 0; i < 4; i++) {
                if (cells[2].charAt(i) != '.') {
                    letters[i] = cells[2].charAt(i);
                }
            }
        }
        List<String> out = new ArrayList<>();
        merged.forEach((k, v) -> out.add(k.replace("\0", "," + new String(v) + ",")));
        return out;
    }

    /** The fields of one CSV line (RFC 4180: double-quoted fields with quotes doubled). */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new AssertionError("unterminated quoted field in " + line);
        }
        fields.add(field.toString());
        return fields;
    }

    /** {@code istat} of one file (metadata address) of the file system at {@code sector}. */
    static String istat(Path image, long sector, String address) {
        return new String(
                Tsk.run("istat", "-o", Long.toString(sector), image.toString(), address)
                        .ok()
                        .stdout()
                        .getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    /**
     * The times {@code istat} prints for a file, by MACB letter ({@code m a c b}), as ISO 8601 UTC with nanoseconds;
     * {@code block} picks the block of times: 0 for the metadata's, then each {@code $FILE_NAME}'s in order.
     */
    static Map<Character, String> istatTimes(String istat, int block) {
        Map<Character, String> out = new TreeMap<>();
        int seen = -1;
        boolean inBlock = false;
        for (String line : istat.lines().toList()) {
            if (line.startsWith("Inode Times:")
                    || line.startsWith("$STANDARD_INFORMATION Attribute Values:")
                    || line.startsWith("$FILE_NAME Attribute Values:")) {
                inBlock = ++seen == block;
                continue;
            }
            Matcher m = ISTAT_TIME.matcher(line);
            if (inBlock && m.matches()) {
                char letter = switch (m.group(1)) {
                    case "File Modified" -> 'm';
                    case "Accessed" -> 'a';
                    case "MFT Modified", "Inode Modified" -> 'c';
                    default -> 'b';
                };
                out.put(letter, m.group(2) + "T" + m.group(3) + "Z");
            }
        }
        return out;
    }
}

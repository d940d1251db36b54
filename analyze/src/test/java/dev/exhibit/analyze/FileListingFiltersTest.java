package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The listing for people (the table) and the filters {@code --deleted} and {@code --path}. */
class FileListingFiltersTest {
    private static final String TIME = "(-|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)";
    private static final Pattern ROW = Pattern.compile("^(\\S+) +(\\S/\\S) +(\\S+) +(\\S+) +(\\S+) +" + TIME + " +"
            + TIME + " +" + TIME + " +" + TIME + " +(/.*)$");
    private static final Pattern FLS_LONG = Pattern.compile(
            "^(\\S/\\S) (\\* )?([0-9-]+)(\\(realloc\\))?:\\t(.*)\\t(\\S+ \\S+) \\(UTC\\)\\t(\\S+ \\S+) \\(UTC\\)"
                    + "\\t(\\S+ \\S+) \\(UTC\\)\\t(\\S+ \\S+) \\(UTC\\)\\t(\\d+)\\t\\d+\\t\\d+$");

    /**
     * The table holds, row for row, what {@code fls -r -l -p} lists under {@code TZ=UTC}: type, deleted or not,
     * inode, path, the four times (to the second; fls's {@code 0000-00-00} is {@code -}) and size.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ext4", "fat16", "ntfs", "exfat", "hostile"})
    void table_showsWhatFlsLongListsWithTimesInUtc(String name) {
        Path image = TestImages.get(name);
        String table =
                Run.files(image, Selection.ALL, FileListing.Format.TABLE, true).text();
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst())
                .startsWith("Part Type State")
                .contains("Modified (UTC)", "Accessed (UTC)", "Changed (UTC)", "Created (UTC)", "Path");
        List<String> ours = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = ROW.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            ours.add(String.join(
                    "|",
                    m.group(2),
                    m.group(3).equals("alloc") ? "" : "deleted",
                    m.group(4),
                    // fls shows bytes below 0x20 as '^', the table as badges; fls -l leaves out link targets
                    m.group(10).replaceAll("⟨U\\+00[01][0-9A-F]⟩", "^").replaceFirst(" -> .*", ""),
                    m.group(6),
                    // fls -l shows only the date of an access time on FAT and exFAT (FAT keeps only the date)
                    name.equals("exfat") && !m.group(7).equals("-")
                            ? m.group(7).substring(0, 10) + " 00:00:00"
                            : m.group(7),
                    m.group(8),
                    m.group(9),
                    m.group(5)));
        }
        List<String> fls = new ArrayList<>();
        for (String line :
                Tsk.run("fls", "-r", "-l", "-p", image.toString()).ok().stdout().split("\n")) {
            Matcher m = FLS_LONG.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            byte[] raw = Tsk.bytes("/" + m.group(5));
            fls.add(String.join(
                    "|",
                    m.group(1),
                    m.group(2) == null ? "" : "deleted",
                    m.group(3),
                    Display.of(raw),
                    time(m.group(6)),
                    time(m.group(7)),
                    time(m.group(8)),
                    time(m.group(9)),
                    m.group(10)));
        }
        assertThat(ours).hasSizeGreaterThan(15).containsExactlyElementsOf(fls);
        assertThat(lines)
                .filteredOn(l -> l.contains(" l/l "))
                .allSatisfy(l -> assertThat(l).contains(" -> "));
    }

    /** {@code --deleted}: exactly the lines of {@code fls -r -d -m /}, the walk fls -d does. */
    @ParameterizedTest
    @ValueSource(strings = {"ext4", "fat16", "ntfs", "exfat", "hostile"})
    void deleted_isWhatFlsDashDLists(String name) {
        Path image = TestImages.get(name);
        byte[] ours = Run.files(
                        new FileListing.Request(image, Selection.ALL, FileListing.Format.BODYFILE, true, true, null, 0))
                .bytes();
        byte[] fls = Tsk.bytes(
                Tsk.run("fls", "-r", "-d", "-m", "/", image.toString()).ok().stdout());
        assertThat(new String(ours, StandardCharsets.ISO_8859_1))
                .isNotEmpty()
                .isEqualTo(new String(fls, StandardCharsets.ISO_8859_1));
    }

    /**
     * {@code --path}: a pattern without {@code /} against the name, one with {@code /} against the whole path; the
     * listing keeps exactly the records (streams included) whose path the same rule, written out here, selects.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "*.md|name ends .md",
                "*.{md,JPG}|name ends .md or .JPG",
                "/Documents/*|directly in /Documents",
                "/a/**|/a and below",
                "/**/deep.txt|name is deep.txt",
                "[!A-Z]*|name starts with no capital",
            })
    void pathGlob_keepsTheRecordsWhosePathMatches(String glob, String rule) throws Exception {
        Path image = TestImages.get("ntfs");
        Predicate<String> expected = switch (rule) {
            case "name ends .md" -> p -> p.endsWith(".md");
            case "name ends .md or .JPG" -> p -> p.endsWith(".md") || p.endsWith(".JPG");
            case "directly in /Documents" -> p -> p.startsWith("/Documents/") && p.indexOf('/', 11) < 0;
            case "/a and below" -> p -> p.equals("/a") || p.startsWith("/a/");
            case "name is deep.txt" -> p -> p.endsWith("/deep.txt");
            case "name starts with no capital" -> p -> !Character.isUpperCase(p.charAt(p.lastIndexOf('/') + 1));
            default -> throw new IllegalArgumentException(rule);
        };
        List<String> all = paths(Run.files(image, Selection.ALL, FileListing.Format.JSON_LINES, true));
        List<String> ours = paths(Run.files(
                new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES, true, false, glob, 0)));
        assertThat(ours)
                .isNotEmpty()
                .containsExactlyElementsOf(all.stream().filter(expected).toList());
    }

    private static List<String> paths(Run.Output out) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String line : out.text().split("\n")) {
            if (!line.isEmpty()) {
                JsonNode n = Jcs.mapper().readTree(line);
                paths.add(n.path("path").asText());
            }
        }
        return paths;
    }

    /** fls -l's {@code 2024-01-21 19:00:02[.NNN]} as the table shows it; {@code 0000-00-00 00:00:00} is unset. */
    private static String time(String fls) {
        return fls.startsWith("0000-00-00") ? "-" : fls.replaceFirst("\\.\\d+$", "");
    }
}

package dev.exhibit.analyze.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.Selection;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Unchanged;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineTest {
    @TempDir
    Path tmp;

    /** Every file system of the images with the standard tree, as (image, start sector, fls type or null). */
    static Stream<Arguments> fileSystems() {
        List<Arguments> out = new ArrayList<>();
        for (String name :
                List.of("fat12", "fat16", "fat32", "fat32-small", "exfat", "ntfs", "ext4", "iso9660", "mbr", "gpt")) {
            for (JsonNode fs : TestImages.facts(name).path("file_systems")) {
                out.add(Arguments.of(
                        name,
                        fs.path("start_sector").asLong(),
                        fs.path("autodetect").asBoolean(true)
                                ? null
                                : fs.path("type").asText()));
            }
        }
        // the timeline image's ext4: times to the nanosecond, some 1 ns apart within one second
        out.add(Arguments.of("timeline", 2048L, null));
        return out.stream();
    }

    /**
     * The events and letters of {@code mactime -y -d} on {@code fls -r -m / -o SECTOR}'s body file, to the second:
     * mactime cuts times to the second, where the timeline keeps the nanoseconds (and so splits what mactime merges).
     */
    @ParameterizedTest(name = "{0} at sector {1}")
    @MethodSource("fileSystems")
    void timeline_hasTheRowsAndLettersOfMactime_toTheSecond(String name, long sector, String type) throws IOException {
        Path image = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        String ours = Timelines.of(image, new Selection(null, sector), Timeline.Format.MACTIME);
        assertThat(ours.lines().findFirst().orElseThrow())
                .isEqualTo("Date,Size,Type,Mode,UID,GID,Meta,File Name,Image,Partition");
        assertThat(Timelines.toSeconds(ours))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(Timelines.mactime(image, sector, type, tmp));
        before.verify();
    }

    /** Every time of every file, to the nanosecond, is the one istat shows; the recipe's own values among them. */
    @Test
    void timeline_keepsTheNanosecondsIstatShows() {
        Path image = TestImages.get("timeline");
        int fractional = 0;
        for (JsonNode fs : TestImages.facts("timeline").path("file_systems")) {
            long sector = fs.path("start_sector").asLong();
            String csv = Timelines.of(image, new Selection(null, sector), Timeline.Format.CSV);
            for (String line : csv.lines().skip(1).toList()) {
                List<String> f = Timelines.csvFields(line);
                String address = f.get(5).split("-")[0];
                String istat = Timelines.istat(image, sector, address);
                int block = 0;
                if (f.get(2).equals("$FILE_NAME")) {
                    continue; // fileNameRows_holdTheTimesOfTheirOwnAttribute
                }
                Map<Character, String> times = Timelines.istatTimes(istat, block);
                for (char letter : f.get(1).replace(".", "").toCharArray()) {
                    assertThat(times.get(letter))
                            .as("%s at sector %d: %s of %s", line, sector, letter, address)
                            .isEqualTo(f.get(0));
                }
                fractional += f.get(0).endsWith(".000000000Z") ? 0 : 1;
            }
        }
        assertThat(fractional).as("rows with a fraction of a second").isGreaterThanOrEqualTo(10);

        String ext4 = Timelines.of(image, new Selection(null, 2048L), Timeline.Format.CSV);
        JsonNode known =
                TestImages.facts("timeline").path("file_systems").get(0).path("ns_times");
        assertThat(known.size()).isEqualTo(3);
        known.fieldNames().forEachRemaining(path -> {
            String[] macb = {"m", "a", "c", "b"};
            for (int i = 0; i < 4; i++) {
                String[] t = known.path(path).get(i).asText().split("\\.");
                String iso =
                        Instant.ofEpochSecond(Long.parseLong(t[0])).toString().replace("Z", "." + t[1] + "Z");
                int letter = i;
                assertThat(ext4.lines())
                        .as("%s %s at %s", path, macb[i], iso)
                        .anyMatch(l -> l.startsWith(iso + ",")
                                && l.split(",")[1].charAt(letter) == macb[letter].charAt(0)
                                && l.contains(",\"" + path + "\","));
            }
        });
        // one instant, three letters: one row; 1 ns apart: two rows
        assertThat(ext4).contains("2024-02-10T09:15:30.123456789Z,ma.b,metadata,");
        assertThat(ext4)
                .contains("2024-02-10T09:16:30.500000000Z,m...,")
                .contains("2024-02-10T09:16:30.500000001Z,.a..,");
    }

    /**
     * Each {@code $FILE_NAME} row has the times of the attribute it names ({@code N-48-ID}), which is the one of its
     * own name: a hard link shows its own times, where fls shows the $FILE_NAME libtsk kept for both names.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "timeline"})
    void fileNameRows_holdTheTimesOfTheirOwnAttribute_asIstatShowsThem(String name) {
        Path image = TestImages.get(name);
        int rows = 0;
        for (JsonNode fs : TestImages.facts(name).path("file_systems")) {
            if (!fs.path("type").asText().equals("ntfs")) {
                continue;
            }
            long sector = fs.path("start_sector").asLong();
            String csv = Timelines.of(image, new Selection(null, sector), Timeline.Format.CSV);
            for (String line : csv.lines().skip(1).toList()) {
                List<String> f = Timelines.csvFields(line);
                if (!f.get(2).equals("$FILE_NAME")) {
                    continue;
                }
                String[] inode = f.get(5).split("-");
                assertThat(inode[1]).isEqualTo("48");
                String istat = Timelines.istat(image, sector, inode[0]);
                List<String> ids = istat.lines()
                        .filter(l -> l.startsWith("Type: $FILE_NAME (48-"))
                        .map(l -> l.substring("Type: $FILE_NAME (48-".length(), l.indexOf(')')))
                        .toList();
                int block = ids.indexOf(inode[2]) + 1;
                assertThat(block).as(line).isPositive();
                Map<Character, String> times = Timelines.istatTimes(istat, block);
                for (char letter : f.get(1).replace(".", "").toCharArray()) {
                    assertThat(times.get(letter)).as("%s: %s", line, letter).isEqualTo(f.get(0));
                }
                String path = f.get(11);
                String fileName = istat.lines()
                        .filter(l -> l.startsWith("Name: "))
                        .toList()
                        .get(block - 1)
                        .substring("Name: ".length());
                assertThat(path).as("the attribute's name").endsWith("/" + fileName);
                rows++;
            }
        }
        assertThat(rows).isGreaterThan(5);
    }

    @Test
    void hardLink_hasItsOwnFileNameTimes() {
        String csv = Timelines.of(TestImages.get("timeline"), new Selection(null, 12288L), Timeline.Format.CSV);
        List<String> link = csv.lines()
                .filter(l -> l.contains(",$FILE_NAME,") && l.endsWith(",\"/Desktop/report-link.docx\","))
                .toList();
        List<String> original = csv.lines()
                .filter(l -> l.contains(",$FILE_NAME,") && l.endsWith(",\"/Users/alex/report.docx\","))
                .toList();
        // linked after the file was touched to 09:15:30.1234567: that is the link's $FILE_NAME modification time
        assertThat(link).anyMatch(l -> l.startsWith("2024-02-10T09:15:30.123456700Z,ma..,"));
        assertThat(original).noneMatch(l -> l.startsWith("2024-02-10T09:15:30"));
        assertThat(link)
                .allMatch(l -> Timelines.csvFields(l)
                        .get(5)
                        .equals(Timelines.csvFields(link.getFirst()).get(5)));
        assertThat(Timelines.csvFields(link.getFirst()).get(5))
                .isNotEqualTo(Timelines.csvFields(original.getFirst()).get(5));
    }

    /** --from is inclusive, --to exclusive, both to the nanosecond. */
    @Test
    void fromAndTo_keepFromInclusiveAndToExclusive() {
        Path image = TestImages.get("timeline");
        Selection ext4 = new Selection(null, 2048L);
        Instant t = Instant.parse("2024-02-10T09:15:30.123456789Z");
        String row = "2024-02-10T09:15:30.123456789Z,ma.b,";
        List<String> all =
                Timelines.of(image, ext4, Timeline.Format.CSV).lines().skip(1).toList();

        List<String> from = rows(image, ext4, t, null);
        assertThat(from).anyMatch(l -> l.startsWith(row)).allMatch(l -> l.compareTo(row) >= 0);
        List<String> to = rows(image, ext4, null, t);
        assertThat(to).noneMatch(l -> l.startsWith(row)).allMatch(l -> l.compareTo(row) < 0);
        assertThat(from.size() + to.size()).isEqualTo(all.size());
        assertThat(rows(image, ext4, t.plusNanos(1), null)).noneMatch(l -> l.startsWith(row));
        assertThat(rows(image, ext4, t, t.plusNanos(1)))
                .singleElement()
                .asString()
                .startsWith(row);
    }

    private static List<String> rows(Path image, Selection s, Instant from, Instant to) {
        return Timelines.of(image, s, Timeline.Format.CSV, from, to)
                .lines()
                .skip(1)
                .toList();
    }

    /** A whole image: every partition's rows, by Exhibit's names, in one order of time. */
    @Test
    void wholeImage_mergesEveryPartitionInTimeOrder() {
        Path image = TestImages.get("gpt");
        String all = Timelines.of(image, Selection.ALL, Timeline.Format.CSV);
        List<String> rows = all.lines().skip(1).toList();
        assertThat(rows.stream().map(l -> Timelines.csvFields(l).get(4)).distinct())
                .containsExactlyInAnyOrder("p1", "p2", "p3", "p4");
        assertThat(rows.stream().map(l -> l.substring(0, 30)).toList()).isSorted();
        long sum = 0;
        for (JsonNode fs : TestImages.facts("gpt").path("file_systems")) {
            sum += Timelines.of(
                            image, new Selection(null, fs.path("start_sector").asLong()), Timeline.Format.CSV)
                    .lines()
                    .skip(1)
                    .count();
        }
        assertThat(rows).hasSize((int) sum);
    }

    /** What Timesketch requires of each line, and a timestamp in its unit that agrees with the datetime. */
    @Test
    void jsonl_isTimesketchsImportFormat() throws IOException {
        String jsonl = Timelines.of(TestImages.get("timeline"), Selection.ALL, Timeline.Format.JSONL);
        assertThat(jsonl.lines()).hasSizeGreaterThan(20);
        for (String line : jsonl.lines().toList()) {
            JsonNode row = Jcs.mapper().readTree(line);
            assertThat(row.path("message").isTextual()).isTrue();
            assertThat(row.path("timestamp_desc").asText()).isNotEmpty();
            Instant t = Instant.parse(row.path("datetime").asText());
            assertThat(row.path("datetime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
            assertThat(row.path("timestamp").asLong()).isEqualTo(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000);
        }
        assertThat(jsonl)
                .contains("\"timestamp_desc\":\"$FILE_NAME Content Modification Time; $FILE_NAME Last Access"
                        + " Time\"");
    }
}

package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileListingTest {
    /** Every file system of every image, as (image, start sector, fls type or null). */
    static Stream<Arguments> fileSystems() {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of(
                "fat12",
                "fat16",
                "fat32",
                "fat32-small",
                "exfat",
                "ntfs",
                "ext4",
                "iso9660",
                "hostile",
                "mbr",
                "gpt",
                "e01",
                "vmdk")) {
            for (JsonNode fs : TestImages.facts(name).path("file_systems")) {
                out.add(Arguments.of(
                        name,
                        fs.path("start_sector").asLong(),
                        fs.path("autodetect").asBoolean(true)
                                ? null
                                : fs.path("type").asText()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} at sector {1}")
    @MethodSource("fileSystems")
    void bodyfile_isWhatFlsWritesLineForLine(String name, long sector, String type) {
        Path image = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        byte[] ours = Run.body(image, Run.sector(sector)).bytes();
        assertThat(new String(ours, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(Tsk.bodyfile(image, sector, type), StandardCharsets.ISO_8859_1));
        before.verify();
    }

    /** A whole image with partitions: one file system after the other, paths under volN/, as tsk_gettimes does. */
    @ParameterizedTest
    @ValueSource(
            strings = {"mbr", "gpt", "e01", "split-raw", "vhd", "vmdk", "mbr-loop", "truncated", "demo", "fat12", "ntfs"
            })
    void bodyfile_ofAWholeImage_isWhatTskGettimesOrFlsWrites(String name) {
        Path image = TestImages.get(name);
        byte[] ours = Run.body(image, Selection.ALL).bytes();
        byte[] oracle = TestImages.facts(name).path("volume_system").isMissingNode()
                ? Tsk.bodyfile(image, 0, null)
                : Tsk.gettimes(image);
        assertThat(new String(ours, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(oracle, StandardCharsets.ISO_8859_1));
    }

    /** A partition whose file system cannot be read is a problem; the others are still listed. */
    @Test
    void wholeImage_listsTheRestWhenOneFileSystemIsDamaged(@TempDir Path tmp) throws Exception {
        Path damaged = TestImages.copy("mbr", tmp);
        Tsk.MmlsRow ntfs = Tsk.mmls(damaged).stream()
                .filter(r -> r.description().startsWith("NTFS"))
                .findFirst()
                .orElseThrow();
        long address = Tsk.mmls(damaged).indexOf(ntfs);
        String name = Sfdisk.read(damaged).at(ntfs.startSector()).orElseThrow().exhibitName();
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(512), ntfs.startSector() * 512);
        }
        Run.Output out = Run.body(damaged, Selection.ALL);
        String expected = new String(Tsk.gettimes(TestImages.get("mbr")), StandardCharsets.ISO_8859_1)
                .lines()
                .filter(l -> !l.startsWith("0|vol" + address + "/"))
                .reduce("", (a, l) -> a + l + "\n");
        assertThat(new String(out.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        assertThat(out.problems())
                .singleElement()
                .asString()
                .startsWith("partition " + name + " (sector " + ntfs.startSector() + ") skipped: ")
                .contains("file system at byte offset " + ntfs.startSector() * 512);
    }

    /** {@code --partition p5} is the partition Linux calls {@code sda5}: the logical NTFS of the mbr image. */
    @Test
    void partition_selectsTheFileSystemLinuxNumbersAlike() {
        Path image = TestImages.get("mbr");
        Tsk.MmlsRow ntfs = Tsk.mmls(image).stream()
                .filter(r -> r.description().startsWith("NTFS"))
                .findFirst()
                .orElseThrow();
        String name = Sfdisk.read(image).at(ntfs.startSector()).orElseThrow().exhibitName();
        assertThat(name).isEqualTo("p5");
        byte[] ours = Run.body(image, new Selection(name, null)).bytes();
        assertThat(ours).isEqualTo(Tsk.bodyfile(image, ntfs.startSector(), null));
    }

    @Test
    void noOrphans_leavesOutTheOrphanDirectoryAndItsEntries() {
        Path image = TestImages.get("ntfs");
        String all = new String(Tsk.bodyfile(image, 0, null), StandardCharsets.ISO_8859_1);
        String withoutOrphans =
                all.lines().filter(l -> !l.startsWith("0|/$OrphanFiles")).reduce("", (a, l) -> a + l + "\n");
        assertThat(withoutOrphans).isNotEqualTo(all);
        byte[] ours = Run.files(image, Selection.ALL, FileListing.Format.BODYFILE, false)
                .bytes();
        assertThat(new String(ours, StandardCharsets.ISO_8859_1)).isEqualTo(withoutOrphans);
    }

    /** One JSON object per line and stream: the inodes and exact path bytes fls -r -p lists, deleted ones marked. */
    @ParameterizedTest(name = "{0} at sector {1}")
    @MethodSource("fileSystems")
    void jsonLines_listWhatFlsListsWithExactNameBytes(String name, long sector, String type) throws Exception {
        Path image = TestImages.get(name);
        List<String> fls = Tsk.fls(image, sector, type).stream()
                .map(e -> e.address() + (e.deleted() ? " deleted " : " ") + e.path())
                .toList();
        List<String> ours = new ArrayList<>();
        for (String line : Run.files(image, Run.sector(sector), FileListing.Format.JSON_LINES, true)
                .text()
                .split("\n")) {
            JsonNode n = Jcs.mapper().readTree(line);
            byte[] path = Base64.getDecoder().decode(n.path("pathBytes").asText());
            String flsPath = flsShown(path, 1)
                    + (n.path("stream").isNull()
                            ? ""
                            : ":"
                                    + flsShown(
                                            Base64.getDecoder()
                                                    .decode(n.path("streamBytes")
                                                            .asText()),
                                            0));
            ours.add(n.path("inode").asText() + (n.path("deleted").asBoolean() ? " deleted " : " ") + flsPath);
            assertThat(n.path("path").asText()).doesNotContainPattern("\\p{Cntrl}");
        }
        assertThat(ours).containsExactlyElementsOf(fls);
    }

    @Test
    void jsonLines_carryTimesWithNanosecondsInUtc() throws Exception {
        Path image = TestImages.get("ext4");
        java.util.Map<String, Long> mtimes = Tsk.bodyTimes(image, 0, null, Tsk.BodyTime.MTIME);
        int checked = 0;
        for (String line : Run.files(image, Selection.ALL, FileListing.Format.JSON_LINES, true)
                .text()
                .split("\n")) {
            JsonNode n = Jcs.mapper().readTree(line);
            String path = new String(
                            Base64.getDecoder().decode(n.path("pathBytes").asText()), StandardCharsets.ISO_8859_1)
                    .substring(1);
            Long mtime = mtimes.get(path.replaceAll("[\\x01-\\x1f]", "^"));
            if (mtime != null && !n.path("mtime").isNull()) {
                assertThat(java.time.Instant.parse(n.path("mtime").asText()).getEpochSecond())
                        .isEqualTo(mtime);
                assertThat(n.path("mtime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** fls -p shows bytes below 0x20 as '^' and every other byte as it is (read here as ISO-8859-1). */
    private static String flsShown(byte[] raw, int from) {
        byte[] b = java.util.Arrays.copyOfRange(raw, from, raw.length);
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= 0 && b[i] < 0x20) {
                b[i] = '^';
            }
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}

package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image is what its recipe says, with the Sleuth Kit tools as oracle: the media bytes ({@code img_cat}), the
 * partition layout ({@code mmls}), every file system ({@code fsstat}), every name incl. deleted ones and streams
 * ({@code fls -r -p}), every content hash ({@code icat}) and modification time ({@code fls -m}).
 */
class ImageFactsTest {
    /** Images TSK cannot walk at all (checked by their own tests). */
    private static final List<String> NOT_WALKABLE = List.of("path-overflow");

    static Stream<String> images() {
        return TestImages.names().stream().filter(n -> !NOT_WALKABLE.contains(n));
    }

    static Stream<String> imagesWithFileSystems() {
        return images().filter(n -> !TestImages.facts(n).path("file_systems").isEmpty());
    }

    static Stream<String> imagesWithPartitions() {
        return images().filter(n -> !TestImages.facts(n).path("partitions").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("images")
    void media_bytesAreThoseTheFactsHash(String name) {
        JsonNode facts = TestImages.facts(name);
        Path image = TestImages.get(name);
        if (facts.path("media_size_bytes").asLong() == 0) {
            assertThat(image).isEmptyFile();
            return;
        }
        Proc.Result r = Tsk.run("img_cat", image.toString()).ok();
        byte[] media = r.stdout().getBytes(StandardCharsets.ISO_8859_1);

        assertThat((long) media.length).isEqualTo(facts.path("media_size_bytes").asLong());
        assertThat(Sha256.hex(media)).isEqualTo(facts.path("media_sha256").asText());
    }

    @ParameterizedTest
    @MethodSource("imagesWithPartitions")
    void partitions_matchMmls(String name) {
        JsonNode facts = TestImages.facts(name);
        List<Tsk.MmlsRow> rows = Tsk.mmls(TestImages.get(name));
        long endSector = facts.path("media_size_bytes").asLong()
                / facts.path("sector_size").asLong();
        List<String> expectedSlots = new ArrayList<>();

        for (JsonNode p : facts.path("partitions")) {
            long start = p.path("start_sector").asLong();
            long length = p.path("length_sectors").asLong();
            boolean gpt = p.path("role").asText().equals("gpt");
            if (!gpt && p.path("table_sector").asLong() >= endSector) {
                continue; // its table lies beyond the end of a truncated image: nothing can know of it
            }
            if (p.path("role").asText().equals("extended")) {
                assertThat(rows)
                        .as("%s: extended partition %s", name, p)
                        .anyMatch(r -> r.slot().equals("Meta")
                                && r.startSector() == start
                                && r.lengthSectors() == length
                                && r.description().endsWith("(" + p.path("type").asText() + ")"));
                continue;
            }
            String slot = gpt
                    ? "%03d".formatted(p.path("entry").asInt())
                    : "%03d:%03d"
                            .formatted(p.path("table").asInt(), p.path("entry").asInt());
            expectedSlots.add(slot);
            // mmls prints GPT names as UTF-8, read here as ISO-8859-1
            String description = gpt
                    ? new String(p.path("name").asText().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                    : "(" + p.path("type").asText() + ")";
            assertThat(rows)
                    .as("%s: partition %s", name, p)
                    .anyMatch(r -> r.slot().equals(slot)
                            && r.startSector() == start
                            && r.lengthSectors() == length
                            && r.description().endsWith(description));
            String table = gpt
                    ? "Partition Table"
                    : p.path("table").asInt() == 0
                            ? "Primary Table (#0)"
                            : "Extended Table (#" + p.path("table").asInt() + ")";
            assertThat(rows)
                    .as("%s: table of %s", name, p)
                    .anyMatch(r -> r.slot().equals("Meta")
                            && r.startSector() == p.path("table_sector").asLong()
                            && r.description().equals(table));
        }
        assertThat(rows.stream().map(Tsk.MmlsRow::slot).filter(s -> s.matches("[0-9:]+")))
                .as("%s: allocated partitions", name)
                .containsExactlyInAnyOrderElementsOf(expectedSlots);
    }

    @ParameterizedTest
    @MethodSource("imagesWithFileSystems")
    void fileSystems_matchFsstat(String name) {
        for (JsonNode fs : readableFileSystems(name)) {
            String type = fs.path("type").asText();
            long start = fs.path("start_sector").asLong();
            Path image = TestImages.get(name);
            String explicit = fs.path("autodetect").asBoolean() ? null : type;

            Proc.Result r = Tsk.fsstat(image, start, explicit).ok();

            assertThat(r.stdout())
                    .as("%s: fsstat at sector %d", name, start)
                    .containsIgnoringCase("File System Type: " + type)
                    .contains(fs.path("label").asText());
            if (fs.has("serial")) {
                assertThat(r.stdout())
                        .containsIgnoringCase(
                                "Volume ID: 0x" + fs.path("serial").asText());
            }
            if (!fs.path("autodetect").asBoolean()) {
                assertThat(Tsk.fsstat(image, start, null).stderr())
                        .as("%s: autodetection must fail", name)
                        .contains("Cannot determine file system type");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("imagesWithFileSystems")
    void names_matchFlsIncludingDeletedOnes(String name) {
        for (JsonNode fs : readableFileSystems(name)) {
            List<Tsk.FlsEntry> listed =
                    fls(name, fs).stream().filter(e -> !isSystemEntry(e.path())).toList();
            List<String> actual =
                    listed.stream().map(e -> mark(e.path(), e.deleted())).toList();
            List<String> expected = new ArrayList<>();
            for (JsonNode entry : fs.path("entries")) {
                if (FactsPaths.visibleToTsk(entry)) {
                    expected.add(mark(
                            expectedName(fs, entry, listed),
                            entry.path("deleted").asBoolean()));
                }
            }
            assertThat(actual)
                    .as(
                            "%s: fls of %s at sector %d",
                            name,
                            fs.path("type").asText(),
                            fs.path("start_sector").asLong())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("imagesWithFileSystems")
    void contents_matchIcat(String name) {
        Path image = TestImages.get(name);
        for (JsonNode fs : readableFileSystems(name)) {
            List<Tsk.FlsEntry> listed = fls(name, fs);
            for (JsonNode entry : fs.path("entries")) {
                if (!entry.has("sha256") || !FactsPaths.visibleToTsk(entry)) {
                    continue;
                }
                Tsk.FlsEntry found = find(listed, expectedName(fs, entry, listed), entry);
                String sha = Tsk.icatSha256(image, fs.path("start_sector").asLong(), explicitType(fs), found.address());
                assertThat(sha)
                        .as("%s: content of %s", name, entry)
                        .isEqualTo(entry.path("sha256").asText());
                if (entry.has("inode")) {
                    assertThat(found.address().split("-")[0])
                            .as("%s: inode of %s", name, entry)
                            .isEqualTo(entry.path("inode").asText());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("imagesWithFileSystems")
    void modificationTimes_matchBodyFile(String name) {
        Path image = TestImages.get(name);
        for (JsonNode fs : readableFileSystems(name)) {
            // TSK reports an ISO 9660 record's only time (which xorriso takes from the file's mtime) as crtime
            Tsk.BodyTime column = fs.path("type").asText().equals("iso9660") ? Tsk.BodyTime.CRTIME : Tsk.BodyTime.MTIME;
            Map<String, Long> mtimes =
                    Tsk.bodyTimes(image, fs.path("start_sector").asLong(), explicitType(fs), column);
            for (JsonNode entry : fs.path("entries")) {
                if (entry.has("mtime") && !entry.path("deleted").asBoolean() && FactsPaths.visibleToTsk(entry)) {
                    assertThat(mtimes.get(FactsPaths.flsPath(entry)))
                            .as("%s: mtime of %s", name, entry)
                            .isEqualTo(entry.path("mtime").asLong());
                }
            }
        }
    }

    /** The file systems whose whole extent lies inside the image (all but the cut ones of a truncated image). */
    static List<JsonNode> readableFileSystems(String name) {
        JsonNode facts = TestImages.facts(name);
        long endSector = facts.path("media_size_bytes").asLong()
                / facts.path("sector_size").asLong();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode fs : facts.path("file_systems")) {
            long start = fs.path("start_sector").asLong();
            boolean inside = true;
            for (JsonNode p : facts.path("partitions")) {
                if (p.path("start_sector").asLong() == start) {
                    inside = start + p.path("length_sectors").asLong() <= endSector;
                }
            }
            if (inside) {
                out.add(fs);
            }
        }
        return out;
    }

    private static List<Tsk.FlsEntry> fls(String name, JsonNode fs) {
        return Tsk.fls(TestImages.get(name), fs.path("start_sector").asLong(), explicitType(fs));
    }

    private static String explicitType(JsonNode fs) {
        return fs.path("autodetect").asBoolean() ? null : fs.path("type").asText();
    }

    /**
     * The name fls shows for an entry. FAT marks a deleted entry by overwriting the first byte of its short name,
     * so a deleted name without a long-name entry shows as "_" plus the rest.
     */
    private static String expectedName(JsonNode fs, JsonNode entry, List<Tsk.FlsEntry> listed) {
        String path = FactsPaths.flsPath(entry);
        if (entry.path("deleted").asBoolean() && fs.path("type").asText().startsWith("fat")) {
            String fatDeleted = FactsPaths.withFirstCharOfName(path, '_');
            if (listed.stream().noneMatch(e -> e.path().equals(path))
                    && listed.stream().anyMatch(e -> e.path().equals(fatDeleted))) {
                return fatDeleted;
            }
        }
        return path;
    }

    private static Tsk.FlsEntry find(List<Tsk.FlsEntry> listed, String path, JsonNode entry) {
        return listed.stream()
                .filter(e -> e.path().equals(path)
                        && e.deleted() == entry.path("deleted").asBoolean())
                .findFirst()
                .orElseThrow(() -> new AssertionError("fls does not list " + entry));
    }

    private static String mark(String path, boolean deleted) {
        return (deleted ? "* " : "") + HexFormat.of().formatHex(path.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Entries a file system adds itself: metadata files, lost+found, the FAT/exFAT volume-label entry. */
    static boolean isSystemEntry(String path) {
        return path.startsWith("$")
                || path.equals("lost+found")
                || path.endsWith("(Volume Label Entry)")
                // fls lists a directory's named data stream once more through its "." entry (DIR/.:STREAM)
                || path.contains("/.:")
                || path.startsWith(".:");
    }
}

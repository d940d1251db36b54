package dev.exhibit.analyze.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemTest {
    private static final Pattern FSSTAT_TYPE = Pattern.compile("File System Type: (\\S+)");

    /** Type, block size and block count as fsstat reports them; the label the recipe wrote. */
    @ParameterizedTest
    @ValueSource(strings = {"fat12", "fat16", "fat32", "fat32-small", "exfat", "ntfs", "ext4", "iso9660", "mbr", "gpt"})
    void open_findsWhatFsstatFinds(String name) throws Exception {
        Path path = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        for (JsonNode f : TestImages.facts(name).path("file_systems")) {
            long sector = f.path("start_sector").asLong();
            String explicit =
                    f.path("autodetect").asBoolean(true) ? null : f.path("type").asText();
            String fsstat = Tsk.fsstat(path, sector, explicit).ok().stdout();
            Matcher type = FSSTAT_TYPE.matcher(fsstat);
            assertThat(type.find()).as(fsstat).isTrue();
            try (Image image = Image.open(path);
                    FileSystem fs = FileSystem.open(image, sector * image.sectorSizeBytes())) {
                assertThat(fs.type().name()).isEqualTo(f.path("type").asText());
                assertThat(fs.type().name()).isEqualToIgnoringCase(type.group(1).toLowerCase(Locale.ROOT));
                assertThat(fs.byteOffset()).isEqualTo(sector * image.sectorSizeBytes());
                assertThat(new String(fs.label(), StandardCharsets.UTF_8))
                        .isEqualTo(f.path("label").asText());
                assertThat(fs.detection())
                        .startsWith(explicit == null ? "autodetected" : "opened as " + explicit + " by name");
                assertThat(fs.lastInode()).isGreaterThan(fs.rootInode());
            }
        }
        before.verify();
    }

    @Test
    void open_retriesByNameWhereAutodetectionFails() throws Exception {
        Path path = TestImages.get("fat32-small");
        assertThat(Tsk.fsstat(path, 0, null).exitCode()).isNotZero();
        try (Image image = Image.open(path);
                FileSystem fs = FileSystem.open(image, 0)) {
            assertThat(fs.type().name()).isEqualTo("fat32");
            assertThat(fs.detection()).contains("Cannot determine file system type");
        }
    }

    @Test
    void open_rejectsGarbageNamingImageOffsetAndLibtsksReason() throws Exception {
        Path path = TestImages.get("garbage");
        String fsstat = Tsk.fsstat(path, 0, null).stderr().strip();
        try (Image image = Image.open(path)) {
            assertThatThrownBy(() -> FileSystem.open(image, 0)).isInstanceOfSatisfying(TskException.class, e -> {
                assertThat(e.kind()).isEqualTo(ExhibitException.Kind.EVIDENCE);
                assertThat(e.byteOffset()).isZero();
                assertThat(e.getMessage())
                        .startsWith(path + ": file system at byte offset 0: ")
                        .contains(fsstat.lines().findFirst().orElseThrow())
                        .doesNotContain("\n");
            });
        }
    }

    @Test
    void open_failsPastTheEndOfATruncatedImage() throws Exception {
        Path path = TestImages.get("truncated");
        try (Image image = Image.open(path)) {
            long nowhere = 22528L * image.sectorSizeBytes();
            assertThatThrownBy(() -> FileSystem.open(image, nowhere))
                    .isInstanceOf(TskException.class)
                    .hasMessageContaining("byte offset " + nowhere);
        }
    }
}

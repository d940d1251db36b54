package dev.exhibit.analyze.img;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mbr", "e01", "split-raw", "vhd", "vmdk", "fat12", "iso9660"})
    void open_reportsTheFormatSizeAndFilesImgStatReports(String name) throws Exception {
        JsonNode facts = TestImages.facts(name);
        Path path = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        String imgStat = Tsk.run("img_stat", path.toString()).ok().stdout();
        try (Image image = Image.open(path)) {
            // img_stat names VHD "vhdi" (after the library), libtsk's type table "vhd"
            assertThat(imgStat)
                    .containsPattern("Image Type:\\s+" + image.format().name());
            assertThat(image.sizeBytes())
                    .isEqualTo(facts.path("media_size_bytes").asLong());
            assertThat(image.sectorSizeBytes())
                    .isEqualTo(facts.path("sector_size").asInt());
            assertThat(image.files()).hasSize(TestImages.segments(name).size());
            assertThat(image.warnings()).isEmpty();
        }
        before.verify();
    }

    @Test
    void open_warnsWhenAContainerNameOpensAsRaw() throws Exception {
        Path renamed = tmp.resolve("disk.vmdk");
        Files.copy(TestImages.get("fat12"), renamed);
        try (Image image = Image.open(renamed)) {
            assertThat(image.format().isRaw()).isTrue();
            assertThat(image.warnings())
                    .singleElement()
                    .asString()
                    .contains("opened as raw")
                    .contains("vmdk");
        }
    }

    @Test
    void open_rejectsAMissingFileAsNoSuchFile() {
        assertThatThrownBy(() -> Image.open(tmp.resolve("absent.img"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void open_acceptsAnEmptyFileAsImgStatDoes() throws Exception {
        Path empty = TestImages.get("empty");
        assertThat(Tsk.run("img_stat", empty.toString()).exitCode()).isZero();
        try (Image image = Image.open(empty)) {
            assertThat(image.sizeBytes()).isZero();
        }
    }

    @Test
    void open_rejectsADirectoryAsAUsageError() {
        assertThatThrownBy(() -> Image.open(tmp))
                .isInstanceOf(dev.exhibit.core.ExhibitException.class)
                .hasMessageContaining("is a directory");
    }
}

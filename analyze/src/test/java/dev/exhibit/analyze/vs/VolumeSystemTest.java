package dev.exhibit.analyze.vs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumeSystemTest {
    /** Every partition as mmls lists it: slot, start, end, length and description, in mmls's order. */
    @ParameterizedTest
    @ValueSource(strings = {"mbr", "gpt", "mbr-loop", "truncated", "e01", "split-raw", "vhd", "vmdk", "demo"})
    void partitions_areTheOnesMmlsLists(String name) throws Exception {
        Path path = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        List<Tsk.MmlsRow> mmls = Tsk.mmls(path);
        try (Image image = Image.open(path);
                VolumeSystem vs = VolumeSystem.open(image, 0).orElseThrow()) {
            assertThat(vs.type())
                    .isEqualTo(TestImages.facts(name).path("volume_system").asText());
            List<Tsk.MmlsRow> ours = vs.partitions().stream()
                    .map(p -> new Tsk.MmlsRow(
                            p.slot(),
                            p.startSector(),
                            p.endSector(),
                            p.lengthSectors(),
                            // mmls's output is read as ISO-8859-1, byte for char
                            new String(p.description(), StandardCharsets.ISO_8859_1).strip()))
                    .toList();
            assertThat(ours).containsExactlyElementsOf(mmls);
        }
        before.verify();
    }

    /** libtsk returns no volume system, and no error, for an image that starts with a file system. */
    @ParameterizedTest
    @ValueSource(strings = {"fat12", "ext4", "ntfs", "iso9660", "garbage"})
    void open_findsNoneWhereMmlsFindsNone(String name) throws Exception {
        assertThat(Tsk.run("mmls", TestImages.get(name).toString()).exitCode()).isNotZero();
        try (Image image = Image.open(TestImages.get(name))) {
            Optional<VolumeSystem> vs = VolumeSystem.open(image, 0);
            assertThat(vs).isEmpty();
        }
    }

    @Test
    void open_namesImageAndOffsetWhenTheTableCannotBeRead() throws Exception {
        Path empty = TestImages.get("empty");
        try (Image image = Image.open(empty)) {
            assertThatThrownBy(() -> VolumeSystem.open(image, 0))
                    .isInstanceOf(TskException.class)
                    .hasMessageStartingWith(empty + ": partition table at byte offset 0: ")
                    .hasMessageContaining("libtsk: ");
        }
    }

    /** A container holds the same disk: e01 and split-raw name partitions as mbr does, vhd and vmdk as gpt. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"e01,mbr", "split-raw,mbr", "vhd,gpt", "vmdk,gpt"})
    void names_areTheSameThroughEveryContainer(String container, String raw) throws Exception {
        assertThat(names(container)).isEqualTo(names(raw)).contains("p1", "p2");
    }

    /** mbr-loop's second logical partition is listed once (libtsk resolves the loop) and named p6. */
    @Test
    void names_ofALoopingChainAreUnique() throws Exception {
        assertThat(names("mbr-loop")).containsExactly("p1", "p2", "p5", "p6");
    }

    private static List<String> names(String image) throws Exception {
        try (Image i = Image.open(TestImages.get(image));
                VolumeSystem vs = VolumeSystem.open(i, 0).orElseThrow()) {
            return vs.partitions().stream()
                    .map(Partition::name)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
    }
}

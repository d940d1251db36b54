package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileContentTest {
    @Test
    void cat_byInode_isWhatIcatWrites_alternateDataStreamsIncluded() {
        Path image = TestImages.get("mbr");
        Tsk.MmlsRow ntfs = Tsk.mmls(image).stream()
                .filter(r -> r.description().startsWith("NTFS"))
                .findFirst()
                .orElseThrow();
        Selection partition = new Selection(
                Sfdisk.read(image).at(ntfs.startSector()).orElseThrow().exhibitName(), null);
        Unchanged before = Unchanged.of(TestImages.segments("mbr"));
        int streams = 0;
        for (Tsk.FlsEntry e : Tsk.fls(image, ntfs.startSector(), null)) {
            if (e.path().contains(":") && e.type().equals("r/r")) {
                assertThat(Run.cat(image, partition, null, e.address(), false).bytes())
                        .as(e.path())
                        .isEqualTo(Tsk.icat(image, ntfs.startSector(), null, e.address(), false));
                streams++;
            }
        }
        assertThat(streams).isGreaterThanOrEqualTo(2);
        before.verify();
    }

    @Test
    void cat_byPath_readsTheDefaultStreamWithSlackOnRequest() {
        Path image = TestImages.get("fat16");
        String inode = Tsk.fls(image, 0, null).stream()
                .filter(e -> e.path().equals("Documents/notes.md"))
                .findFirst()
                .orElseThrow()
                .address();
        assertThat(Run.cat(image, Selection.ALL, "/Documents/notes.md", null, false)
                        .bytes())
                .isEqualTo(Tsk.icat(image, 0, null, inode, false));
        assertThat(Run.cat(image, Selection.ALL, "/Documents/notes.md", null, true)
                        .bytes())
                .isEqualTo(Tsk.icat(image, 0, null, inode, true));
    }

    @Test
    void cat_asksWhichPartitionWhenTheImageHasSeveral() {
        Path image = TestImages.get("gpt");
        assertThatThrownBy(() -> Run.cat(image, Selection.ALL, "/README.TXT", null, false))
                .isInstanceOfSatisfying(ExhibitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE);
                    assertThat(e.getMessage())
                            .contains("holds 4 partitions")
                            .contains("--partition")
                            .contains("p1 (sector 2048, EFI system), p2 (sector 12288, Linux data)");
                });
    }

    @Test
    void request_needsAPathOrAnInodeButNotBoth() {
        Path image = TestImages.get("fat12");
        assertThatThrownBy(() -> Run.cat(image, Selection.ALL, "/README.TXT", "11", false))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("not both");
    }
}

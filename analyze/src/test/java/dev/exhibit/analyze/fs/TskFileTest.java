package dev.exhibit.analyze.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TskFileTest {
    /** Every file and stream fls lists, deleted ones included, read as icat reads it; with and without slack. */
    @ParameterizedTest
    @ValueSource(strings = {"fat12", "exfat", "ntfs", "ext4", "iso9660"})
    void content_isWhatIcatWrites(String name) throws Exception {
        Path path = TestImages.get(name);
        int checked = 0;
        try (Image image = Image.open(path);
                FileSystem fs = FileSystem.open(image, 0)) {
            for (Tsk.FlsEntry e : Tsk.fls(path, 0, null)) {
                if (!e.type().endsWith("/r")) {
                    continue;
                }
                InodeAddress a = InodeAddress.parse(e.address());
                for (boolean slack : new boolean[] {false, true}) {
                    var icat = slack
                            ? Tsk.run("icat", "-s", path.toString(), e.address())
                            : Tsk.run("icat", path.toString(), e.address());
                    try (TskFile f = TskFile.open(fs, a.inode())) {
                        if (icat.exitCode() != 0) {
                            // an orphan without content: icat fails, and so do we, with libtsk's reason
                            assertThatThrownBy(() -> read(f, a, slack))
                                    .isInstanceOf(TskException.class)
                                    .hasMessageContaining(icat.stderr()
                                            .strip()
                                            .lines()
                                            .findFirst()
                                            .orElseThrow());
                            continue;
                        }
                        assertThat(read(f, a, slack))
                                .as(e.path() + (slack ? " with slack" : ""))
                                .isEqualTo(Tsk.bytes(icat.stdout()));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void open_byPathFindsTheFileFlsNames() throws Exception {
        Path path = TestImages.get("ext4");
        String inode = Tsk.fls(path, 0, null).stream()
                .filter(e -> e.path().equals("Documents/notes.md"))
                .findFirst()
                .orElseThrow()
                .address();
        try (Image image = Image.open(path);
                FileSystem fs = FileSystem.open(image, 0);
                TskFile f = TskFile.open(fs, "/Documents/notes.md")) {
            assertThat(Long.toUnsignedString(f.view().metaAddress())).isEqualTo(inode);
            assertThat(read(f, InodeAddress.parse(inode), false)).isEqualTo(Tsk.icat(path, 0, null, inode, false));
        }
    }

    @Test
    void open_failsClearlyForAMissingPathAndAnInodeOutOfRange() throws Exception {
        try (Image image = Image.open(TestImages.get("fat12"));
                FileSystem fs = FileSystem.open(image, 0)) {
            assertThatThrownBy(() -> TskFile.open(fs, "/no/such/file"))
                    .isInstanceOf(TskException.class)
                    .hasMessageContaining("cannot open path /no/such/file");
            long beyond = fs.lastInode() + 1;
            assertThatThrownBy(() -> TskFile.open(fs, beyond))
                    .isInstanceOfSatisfying(
                            ExhibitException.class,
                            e -> assertThat(e.getMessage()).contains("inode " + beyond + " is outside"));
        }
    }

    private static byte[] read(TskFile f, InodeAddress a, boolean slack) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.content(a.attributeType(), a.attributeId(), slack, chunk -> out.write(chunk.toArray(ValueLayout.JAVA_BYTE)));
        return out.toByteArray();
    }
}

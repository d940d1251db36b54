package dev.exhibit.analyze.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryWalkTest {
    private static final int ALL = DirectoryWalk.ALLOC | DirectoryWalk.UNALLOC | DirectoryWalk.RECURSE;

    @Test
    void walk_visitsTheNamesFlsListsInItsOrder() throws Exception {
        Path path = TestImages.get("ext4");
        List<String> fls =
                Tsk.fls(path, 0, null).stream().map(Tsk.FlsEntry::address).toList();
        List<String> ours = new ArrayList<>();
        try (Image image = Image.open(path);
                FileSystem fs = FileSystem.open(image, 0)) {
            DirectoryWalk.walk(fs, fs.rootInode(), ALL, e -> {
                if (!e.isDot()) {
                    ours.add(Long.toUnsignedString(e.nameMetaAddress()));
                }
                return true;
            });
        }
        assertThat(ours).containsExactlyElementsOf(fls);
    }

    /** An exception inside libtsk's callback would end the JVM: it must stop the walk and come out afterwards. */
    @Test
    void walk_stopsAndRethrowsWhatTheVisitorThrows() throws Exception {
        List<String> seen = new ArrayList<>();
        try (Image image = Image.open(TestImages.get("ntfs"));
                FileSystem fs = FileSystem.open(image, 0)) {
            assertThatThrownBy(() -> DirectoryWalk.walk(fs, fs.rootInode(), ALL, e -> {
                        seen.add(new String(e.name(), java.nio.charset.StandardCharsets.UTF_8));
                        if (seen.size() == 3) {
                            throw new IOException("output closed");
                        }
                        return true;
                    }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("output closed");
            assertThatThrownBy(() -> DirectoryWalk.walk(fs, fs.rootInode(), ALL, e -> {
                        throw new IllegalStateException("a bug in a visitor");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            // the file system is still usable after both
            int[] count = {0};
            DirectoryWalk.walk(fs, fs.rootInode(), ALL, e -> ++count[0] > 0);
            assertThat(count[0]).isGreaterThan(3);
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void walk_stopsWhenTheVisitorSaysSo() throws Exception {
        int[] count = {0};
        try (Image image = Image.open(TestImages.get("fat12"));
                FileSystem fs = FileSystem.open(image, 0)) {
            DirectoryWalk.walk(fs, fs.rootInode(), ALL, e -> ++count[0] < 2);
        }
        assertThat(count[0]).isEqualTo(2);
    }
}

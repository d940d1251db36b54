package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code analyze files --hash}: every data stream's digests are those of what {@code icat} reads at the stream's
 * address, for allocated, deleted and orphan files and NTFS alternate data streams; the listing itself is unchanged
 * and in its order, however many threads read.
 */
class FileHashesTest {
    private static final List<HashAlgorithm> ALL = List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);

    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "ext4", "fat16", "fat12", "exfat", "hostile"})
    void hashes_areThoseOfWhatIcatReads_forEveryStream(String name) throws Exception {
        Path image = TestImages.get(name);
        Unchanged before = Unchanged.of(TestImages.segments(name));
        // more readers than processors, so that streams are read at the same time even on this machine
        Run.Output hashed = Run.files(listing(image).reading(new ContentOptions(ALL, false, 4)));
        assertThat(hashed.problems()).isEmpty();
        int streams = 0;
        int deleted = 0;
        int named = 0;
        for (String line : hashed.text().lines().toList()) {
            JsonNode r = Jcs.mapper().readTree(line);
            String inode = r.path("inode").asText();
            // the data streams: every NTFS $DATA attribute (N-128-ID), elsewhere every regular file's content
            boolean data = name.equals("ntfs")
                    ? inode.contains("-128-")
                    : r.path("metaType").asText().equals("file");
            assertThat(r.has("md5")).as(line).isEqualTo(data);
            if (!data) {
                continue;
            }
            byte[] content = Tsk.icat(image, 0, null, r.path("inode").asText(), false);
            for (HashAlgorithm a : ALL) {
                String expected = HexFormat.of().formatHex(a.newDigest().digest(content));
                assertThat(r.path(a.id()).asText()).as(a.id() + " of " + line).isEqualTo(expected);
            }
            assertThat(r.path("unreadable")).as(line).isEmpty();
            boolean reusable =
                    r.path("deleted").asBoolean() || !r.path("metaAllocated").asBoolean();
            assertThat(r.path("contentMayBeReused").asBoolean()).as(line).isEqualTo(reusable);
            streams++;
            deleted += r.path("deleted").asBoolean() ? 1 : 0;
            named += r.path("stream").isNull() ? 0 : 1;
        }
        assertThat(streams).isGreaterThan(5);
        assertThat(deleted).isPositive();
        if (name.equals("ntfs")) {
            assertThat(named).isGreaterThanOrEqualTo(4);
        }
        before.verify();
    }

    /** Hashing adds members at the end of a record and changes nothing else: same records, same order. */
    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "hostile"})
    void hashing_keepsTheListingAndItsOrder(String name) throws Exception {
        Path image = TestImages.get(name);
        List<String> plain = Run.files(listing(image)).text().lines().toList();
        List<String> hashed = Run.files(listing(image).reading(new ContentOptions(ALL, false, 3)))
                .text()
                .lines()
                .toList();
        assertThat(hashed).hasSameSizeAs(plain);
        List<String> cut = new ArrayList<>();
        for (int i = 0; i < hashed.size(); i++) {
            String p = plain.get(i);
            String h = hashed.get(i);
            cut.add(h.startsWith(p.substring(0, p.length() - 1)) ? p : h);
        }
        assertThat(cut).isEqualTo(plain);
    }

    private static FileListing.Request listing(Path image) {
        return new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES);
    }
}

package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.FaultyDevice;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
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

    /**
     * A sector of a file's content that cannot be read (a real EIO through the kernel, from the faulty device): the
     * listing reads on after it, reports the unreadable run at its byte offset in the file, hashes it as zeros, and
     * the command's problems name the file. libtsk reads the image through a 64 KiB cache, so a read that starts up
     * to 64 KiB before the bad sector fails too: the run may begin that much earlier, never later.
     */
    @Test
    void unreadableBlock_isReportedWithItsOffsetAndHashedAsZeros() throws Exception {
        Path image = TestImages.get("types");
        String inode = "64-128-2";
        assertThat(Tsk.fls(image, 0, null))
                .anySatisfy(e -> assertThat(e.path() + " " + e.address()).isEqualTo("big.bin " + inode));
        int cluster = Integer.parseInt(
                Tsk.fsstat(image, 0, null).ok().stdout().replaceAll("(?s).*Cluster Size: (\\d+).*", "$1"));
        List<Long> clusters = dataClusters(image, "64");
        // 20 clusters (80 KiB) into one contiguous run: the 64 KiB before the bad sector hold nothing but this file
        int k = 20;
        assertThat(clusters.get(k) - clusters.getFirst()).isEqualTo(k);
        long badSector = clusters.get(k) * cluster / 512 + 3;
        long badInFile = (long) k * cluster + 3 * 512;
        byte[] pristine = Tsk.icat(image, 0, null, inode, false);
        try (FaultyDevice device = FaultyDevice.start(image, new TreeSet<>(List.of(badSector)))) {
            Run.Output out = Run.files(new FileListing.Request(
                            device.blockDevice(),
                            Selection.ALL,
                            FileListing.Format.JSON_LINES,
                            true,
                            false,
                            "big.bin",
                            0)
                    .reading(new ContentOptions(ALL, false, 2)));
            JsonNode r = Jcs.mapper()
                    .readTree(out.text()
                            .lines()
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no record; " + out.problems() + out.warnings())));
            JsonNode runs = r.path("unreadable");
            assertThat(runs).as(r.toString()).hasSize(1);
            long offset = runs.get(0).path("byteOffset").asLong();
            long length = runs.get(0).path("lengthBytes").asLong();
            assertThat(offset % cluster).isZero();
            assertThat(offset).isBetween(badInFile - (64 << 10), badInFile);
            assertThat(offset + length).isEqualTo((long) (k + 1) * cluster);
            assertThat(runs.get(0).path("reason").asText()).contains("libtsk");
            byte[] expected = pristine.clone();
            Arrays.fill(expected, (int) offset, (int) (offset + length), (byte) 0);
            for (HashAlgorithm a : ALL) {
                assertThat(r.path(a.id()).asText())
                        .isEqualTo(HexFormat.of().formatHex(a.newDigest().digest(expected)));
            }
            assertThat(out.problems())
                    .singleElement()
                    .asString()
                    .contains("/big.bin")
                    .contains(length + " bytes at byte offset " + offset + " of the stream could not be read");
        }
    }

    /** The clusters {@code istat} lists for an NTFS file's unnamed, non-resident $DATA, in file order. */
    private static List<Long> dataClusters(Path image, String entry) {
        String istat = Tsk.run("istat", image.toString(), entry).ok().stdout();
        String runs = istat.substring(istat.indexOf("Type: $DATA"));
        runs = runs.substring(runs.indexOf('\n') + 1);
        List<Long> out = new ArrayList<>();
        for (String line : runs.lines().toList()) {
            if (!line.matches("[0-9 ]+")) {
                break;
            }
            Arrays.stream(line.strip().split(" +")).map(Long::parseLong).forEach(out::add);
        }
        return out;
    }

    private static FileListing.Request listing(Path image) {
        return new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES);
    }
}

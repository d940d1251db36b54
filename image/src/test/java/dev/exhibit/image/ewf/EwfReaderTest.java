package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testkit.SharedImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EwfReaderTest {
    @TempDir
    Path tmp;

    @Test
    void open_anotherToolsImage_readsTheBytesEwfexportGives() throws IOException {
        Path e01 = SharedImages.get("keramics-ext2.E01");
        byte[] want = Files.readAllBytes(EwfTools.export(e01, tmp));

        try (EwfReader r = EwfReader.open(e01)) {
            assertThat(readAll(r)).isEqualTo(want);
            EwfInfo info = r.info();
            assertThat(info.mediaBytes()).isEqualTo(want.length);
            assertThat(info.caseNumber()).isEqualTo("case");
            assertThat(info.examiner()).isEqualTo("examiner");
            assertThat(info.compressionLevel()).isEqualTo(2);
            assertThat(info.physical()).isFalse();
            assertThat(info.storedMd5()).isEqualTo(Media.hex(HashAlgorithm.MD5, want));
            assertThat(r.format()).isEqualTo("e01");
            assertThat(r.sectorBytes()).isEqualTo(512);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "empty-block", "fast", "best"})
    void open_ewfacquireSets_readEveryCompressionLevel(String level) throws IOException {
        byte[] media = Media.mixed(21, 70, 3);
        Path e01 = Ewfacquire.make(tmp, media, level, "1MiB");

        try (EwfReader r = EwfReader.open(e01)) {
            assertThat(readAll(r)).isEqualTo(media);
            assertThat(r.info().storedMd5()).isEqualTo(Media.hex(HashAlgorithm.MD5, media));
            assertThat(r.info().storedSha1()).isEqualTo(Media.hex(HashAlgorithm.SHA1, media));
            assertThat(r.info().caseNumber()).isEqualTo("CASE-9");
            assertThat(r.info().segments()).hasSizeGreaterThan(level.equals("none") ? 1 : 0);
        }
    }

    @Test
    void read_atRandomOffsets_givesTheMediaBytes() throws IOException {
        byte[] media = Media.mixed(22, 50, 5);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);
        Path e01 = Media.write(tmp.resolve("set"), media, layout, List.of(), 6).getFirst();
        Random rnd = new Random(5);
        try (EwfReader r = EwfReader.open(e01)) {
            for (int i = 0; i < 300; i++) {
                int off = rnd.nextInt(media.length);
                ByteBuffer dst = ByteBuffer.allocate(rnd.nextInt(100_000) + 1);
                int n = r.read(off, dst);
                assertThat(n).isEqualTo(Math.min(dst.capacity(), media.length - off));
                assertThat(Arrays.copyOf(dst.array(), n)).isEqualTo(Arrays.copyOfRange(media, off, off + n));
            }
            assertThat(r.read(media.length, ByteBuffer.allocate(10))).isEqualTo(-1);
        }
    }

    @Test
    void open_exhibitSet_givesBackItsMetadata() throws IOException {
        byte[] media = Media.mixed(23, 10, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.BEST);
        Path e01 = Media.write(tmp, media, layout, List.of(new SectorRange(5, 2)), SegmentBudget.MAX_TABLE_ENTRIES)
                .getFirst();

        try (EwfReader r = EwfReader.open(e01)) {
            EwfInfo info = r.info();
            assertThat(info.caseNumber()).isEqualTo("CASE-42");
            assertThat(info.description()).isEqualTo("USB stick from desk  drawer");
            assertThat(info.toolVersion()).isEqualTo("exhibit 0.1");
            assertThat(info.acquired()).isEqualTo(Media.header().acquired());
            assertThat(info.setGuid()).isEqualTo(SegmentPrefix.setGuid(layout, Media.header()));
            assertThat(info.errors()).containsExactly(new SectorRange(5, 2));
            assertThat(info.compressionLevel()).isEqualTo(2);
            assertThat(info.physical()).isTrue();
        }
    }

    @Test
    void open_missingSegment_namesIt() throws IOException {
        byte[] media = Media.mixed(24, 90, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE);
        List<Path> files = Media.write(tmp, media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);
        Files.delete(files.get(1));

        assertThatThrownBy(() -> EwfReader.open(files.getFirst()))
                .isInstanceOf(EwfFormatException.class)
                .hasMessageStartingWith("image.E01: 'next' section at byte ")
                .hasMessageEndingWith("the set continues in segment E02, which is missing");
    }

    @Test
    void read_corruptChunk_namesTheSegmentTheChunkAndTheMediaOffset() throws IOException {
        byte[] media = Media.mixed(25, 10, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST);
        Path e01 = Media.write(tmp, media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES)
                .getFirst();
        long[] chunk5 = Damage.chunk(e01, 5); // random: stored raw
        Damage.flip(e01, chunk5[0] + 100);

        try (EwfReader r = EwfReader.open(e01)) {
            assertThat(r.read(0, ByteBuffer.allocate(5 * 32768))).isEqualTo(5 * 32768);
            assertThatThrownBy(() -> r.read(5 * 32768 + 10, ByteBuffer.allocate(10)))
                    .isInstanceOf(EwfFormatException.class)
                    .hasMessageStartingWith("image.E01: chunk 5 at byte " + chunk5[0]
                            + " (media bytes 163840..196607): Adler-32 mismatch");
        }
    }

    @Test
    void open_ftkStyleSet_baseZeroTablesDiskSectionAndDoneOf76Bytes() throws IOException {
        byte[] media = Media.mixed(26, 30, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST);
        Path e01 = Media.write(tmp, media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES)
                .getFirst();
        FtkStyle.convert(e01);

        try (EwfReader r = EwfReader.open(e01)) {
            assertThat(readAll(r)).isEqualTo(media);
        }
        EwfTools.assertVerifies(e01, Media.hex(HashAlgorithm.MD5, media), Media.hex(HashAlgorithm.SHA1, media));
    }

    @Test
    void open_notTheFirstSegment_saysWhichToOpen() throws IOException {
        Path e02 = Files.writeString(tmp.resolve("x.E02"), "EVF");

        assertThatThrownBy(() -> EwfReader.open(e02))
                .isInstanceOf(EwfFormatException.class)
                .hasMessage("x.E02 at byte 0: is segment 2 of its set; open the .E01 file");
    }

    static byte[] readAll(EwfReader r) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) r.sizeBytes());
        while (all.hasRemaining()) {
            assertThat(r.read(all.position(), all)).isPositive();
        }
        return all.array();
    }
}

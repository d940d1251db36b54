package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.image.ewf.EwfFinding.Severity;
import dev.exhibit.testkit.SharedImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EwfCheckTest {
    private static final List<HashAlgorithm> ALL = List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);

    @TempDir
    Path tmp;

    private final byte[] media = Media.mixed(31, 100, 3);

    @Test
    void check_exhibitSet_passesAndHandsTheMediaOnInOrder() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.MIN_SEGMENT_BYTES);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();

        EwfCheckReport r = EwfCheck.check(e01, ALL, b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            seen.writeBytes(copy);
        });

        assertThat(r.findings()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(seen.toByteArray()).isEqualTo(media);
        for (HashAlgorithm a : ALL) {
            assertThat(r.computed()).containsEntry(a, Media.hex(a, media));
        }
        assertThat(r.info().segments()).hasSizeGreaterThan(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "empty-block", "fast", "best"})
    void check_ewfacquireSets_passEveryCompressionLevel(String level) throws IOException {
        Path e01 = Ewfacquire.make(tmp, media, level, "1MiB");

        EwfCheckReport r = EwfCheck.check(e01, List.of(HashAlgorithm.SHA256), null);

        assertThat(r.findings()).isEmpty();
        assertThat(r.computed())
                .containsEntry(HashAlgorithm.MD5, Media.hex(HashAlgorithm.MD5, media))
                .containsEntry(HashAlgorithm.SHA1, Media.hex(HashAlgorithm.SHA1, media))
                .containsEntry(HashAlgorithm.SHA256, Media.hex(HashAlgorithm.SHA256, media));
    }

    @Test
    void check_anotherToolsImage_passesWithItsStoredMd5() throws IOException {
        Path e01 = SharedImages.get("keramics-ext2.E01");
        byte[] raw = Files.readAllBytes(EwfTools.export(e01, tmp));

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(r.passed()).as(r.findings().toString()).isTrue();
        assertThat(r.computed()).containsEntry(HashAlgorithm.MD5, Media.hex(HashAlgorithm.MD5, raw));
    }

    @Test
    void check_flippedByteInCompressedChunk_namesTheChunk() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        long[] chunk = Damage.chunk(e01, 2); // text: compressed
        assertThat(chunk[1]).isEqualTo(1);
        Damage.flip(e01, chunk[0] + 20);

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.chunk()).isEqualTo(2);
            assertThat(f.fileByteOffset()).isEqualTo(chunk[0]);
            assertThat(f.mediaFirstByte()).isEqualTo(2 * 32768);
            assertThat(f.mediaEndByte()).isEqualTo(3 * 32768);
            assertThat(f.toString())
                    .startsWith("error: image.E01: 'sectors' section at byte " + chunk[0]
                            + ": chunk 2 (media bytes 65536..98303) ");
        });
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("stored MD5 "));
        assertThat(EwfTools.ewfverify(e01).exitCode()).isNotZero();
    }

    @Test
    void check_flippedByteInUncompressedChunk_namesTheChunk() throws IOException {
        Path e01 = exhibitSet(EwfCompression.NONE, EwfLayout.DEFAULT_SEGMENT_BYTES);
        long[] chunk = Damage.chunk(e01, 7);
        Damage.flip(e01, chunk[0] + 32767);

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(errors(r)).anySatisfy(f -> {
            assertThat(f.chunk()).isEqualTo(7);
            assertThat(f.message()).startsWith("Adler-32 mismatch");
        });
    }

    @Test
    void check_flippedByteInTable_reportsItAndReadsThroughTable2() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        EwfCheckReport r = checkWithFlippedEntry(e01, SectionDescriptor.TABLE);

        assertThat(errors(r)).singleElement().satisfies(f -> {
            assertThat(f.section()).isEqualTo("table");
            assertThat(f.message()).startsWith("entries checksum mismatch").endsWith("table2 used instead");
        });
        assertThat(r.computed()).containsEntry(HashAlgorithm.MD5, Media.hex(HashAlgorithm.MD5, media));
    }

    @Test
    void check_flippedByteInTable2_isAnErrorWhereEwfverifySeesNothing() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        EwfCheckReport r = checkWithFlippedEntry(e01, SectionDescriptor.TABLE2);

        assertThat(errors(r)).singleElement().satisfies(f -> {
            assertThat(f.section()).isEqualTo("table2");
            assertThat(f.message()).contains("checksum mismatch").contains("ewfverify never reads it");
        });
        assertThat(EwfTools.ewfverify(e01).exitCode()).isZero();
    }

    @Test
    void check_flippedByteInHeaderSection_isAnError() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        SectionDescriptor header = SectionsOf.first(e01, SectionDescriptor.HEADER);
        Damage.flip(e01, header.fileOffset() + SectionDescriptor.BYTES + 30);

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(errors(r)).singleElement().satisfies(f -> {
            assertThat(f.section()).isEqualTo("header");
            assertThat(f.fileByteOffset()).isEqualTo(header.fileOffset());
            assertThat(f.message()).containsAnyOf("corrupt zlib stream", "truncated");
        });
        assertThat(EwfTools.ewfverify(e01).exitCode()).isNotZero();
    }

    @Test
    void check_hashSectionsRemoved_isAnErrorWhereEwfverifySucceeds() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        Damage.endAt(e01, SectionsOf.first(e01, SectionDescriptor.DIGEST).fileOffset());

        EwfCheckReport r = EwfCheck.check(e01, List.of(HashAlgorithm.MD5), null);

        assertThat(r.info().storedMd5()).isNull();
        assertThat(errors(r))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("no MD5 stored"));
        assertThat(EwfTools.ewfverify(e01).exitCode()).isZero();
    }

    @Test
    void check_unknownSection_isAWarning() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        SectionDescriptor error2 = SectionsOf.first(e01, SectionDescriptor.ERROR2);
        Damage.descriptor(e01, error2.fileOffset(), "foobar", error2.next(), error2.sizeBytes());

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.section()).isEqualTo("foobar");
        });
    }

    @Test
    void check_missingMiddleSegment_namesItAndTheFilesAfterIt() throws IOException {
        List<Path> files = Media.write(
                tmp.resolve("set"),
                media,
                Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE),
                List.of(),
                SegmentBudget.MAX_TABLE_ENTRIES);
        assertThat(files).hasSizeGreaterThan(2);
        Files.delete(files.get(1));

        EwfCheckReport r = EwfCheck.check(files.getFirst(), List.of(), null);

        assertThat(r.info()).isNull();
        assertThat(r.findings())
                .extracting(EwfFinding::toString)
                .anySatisfy(s -> assertThat(s).contains("image.E03").contains("E02 before it is missing"))
                .anySatisfy(s -> assertThat(s).contains("which is missing"));
    }

    @Test
    void check_swappedSegments_sayWhichFileHoldsWhichNumber() throws IOException {
        List<Path> files = Media.write(
                tmp.resolve("set"),
                media,
                Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE),
                List.of(),
                SegmentBudget.MAX_TABLE_ENTRIES);
        Path t = files.get(1).resolveSibling("t");
        Files.move(files.get(1), t);
        Files.move(files.get(2), files.get(1));
        Files.move(t, files.get(2));

        EwfCheckReport r = EwfCheck.check(files.getFirst(), List.of(), null);

        assertThat(r.findings())
                .extracting(EwfFinding::toString)
                .anySatisfy(s -> assertThat(s).contains("image.E02").contains("says segment 3, expected 2"));
    }

    @Test
    void check_dataSectionOfAnotherSet_isAnError() throws IOException {
        List<Path> files = Media.write(
                tmp.resolve("set"),
                media,
                Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE),
                List.of(),
                SegmentBudget.MAX_TABLE_ENTRIES);
        SectionDescriptor data = SectionsOf.first(files.get(1), SectionDescriptor.DATA);
        byte[] payload = Damage.read(files.get(1), data.fileOffset() + SectionDescriptor.BYTES, VolumeSection.BYTES);
        payload[70] ^= 1; // the set GUID
        Bytes.sealAdler(payload, 0, VolumeSection.BYTES - 4);
        Damage.write(files.get(1), data.fileOffset() + SectionDescriptor.BYTES, payload);

        EwfCheckReport r = EwfCheck.check(files.getFirst(), List.of(), null);

        assertThat(errors(r)).singleElement().satisfies(f -> {
            assertThat(f.segment()).isEqualTo(files.get(1));
            assertThat(f.message()).contains("segments of different sets");
        });
    }

    @Test
    void check_volumeCountsOneChunkMore_isAnErrorWhereEwfverifySucceeds() throws IOException {
        Path e01 = exhibitSet(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES);
        for (SectionDescriptor d : SectionsOf.descriptors(e01)) {
            if (d.type().equals(SectionDescriptor.VOLUME) || d.type().equals(SectionDescriptor.DATA)) {
                long at = d.fileOffset() + SectionDescriptor.BYTES;
                byte[] p = Damage.read(e01, at, VolumeSection.BYTES);
                Bytes.putU32(p, 4, Bytes.u32(p, 4) + 1);
                Bytes.sealAdler(p, 0, VolumeSection.BYTES - 4);
                Damage.write(e01, at, p);
            }
        }

        EwfCheckReport r = EwfCheck.check(e01, List.of(), null);

        assertThat(errors(r))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .isEqualTo("the tables list 101 chunks; the volume counts 102 and its 6403 sectors need 101"));
        assertThat(EwfTools.ewfverify(e01).exitCode())
                .as("ewfverify 20140813 misses a count one too high")
                .isZero();
        assertThatThrownBy(() -> EwfReader.open(e01))
                .isInstanceOf(EwfFormatException.class)
                .hasMessageContaining("the tables list 101 chunks");
    }

    private Path exhibitSet(EwfCompression c, long segmentBytes) throws IOException {
        EwfLayout layout = Media.layout(media.length, segmentBytes, c);
        return Media.write(
                        tmp.resolve("set"),
                        media,
                        layout,
                        List.of(new SectorRange(3, 1)),
                        SegmentBudget.MAX_TABLE_ENTRIES)
                .getFirst();
    }

    /** Flips a byte in the third entry of the first section of that type, then checks. */
    private static EwfCheckReport checkWithFlippedEntry(Path e01, String type) throws IOException {
        SectionDescriptor d = SectionsOf.first(e01, type);
        Damage.flip(e01, d.fileOffset() + SectionDescriptor.BYTES + TableSection.HEADER_BYTES + 8);
        return EwfCheck.check(e01, List.of(), null);
    }

    private static List<EwfFinding> errors(EwfCheckReport r) {
        return r.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }
}

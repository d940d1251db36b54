package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EwfWriterTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(EwfCompression.class)
    void write_eachCompression_ewfverifyAcceptsAndExportGivesTheSourceBytes(EwfCompression c) throws IOException {
        byte[] media = Media.mixed(1, 40, 7); // short last chunk: 7 sectors
        EwfLayout layout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, c);

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("image.E01");
        EwfTools.assertVerifiesAndExports(files.getFirst(), media, tmp);
        Map<String, String> info = EwfTools.ewfinfo(files.getFirst());
        assertThat(info)
                .containsEntry("File format", "EnCase 6")
                .containsEntry("Case number", "CASE-42")
                .containsEntry("Evidence number", "EV-7")
                .containsEntry("Examiner name", "Jo Examiner")
                .containsEntry("Description", "USB stick from desk  drawer")
                .containsEntry("Software version used", "exhibit 0.1")
                .containsEntry("Operating system used", "Linux 6.1.0-amd64-with-")
                .containsEntry("Number of sectors", Long.toString(media.length / 512))
                .containsEntry("Is physical", "yes")
                .containsEntry("Acquisition date", "Sun Mar  1 10:20:30 2026")
                .containsEntry(
                        "Set identifier",
                        SegmentPrefix.setGuid(layout, Media.header()).toString());
        String level = switch (c) {
            case NONE, EMPTY_BLOCK -> "no compression";
            case FAST -> "good (fast) compression";
            case BEST -> "best compression";
        };
        assertThat(info).containsEntry("Compression level", level);
    }

    @Test
    void write_fast_storesRandomChunksRawAndShrinksTheRest() throws IOException {
        byte[] media = Media.mixed(2, 40, 0);
        EwfLayout fast = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST);
        EwfLayout none = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.NONE);

        long fastBytes =
                Files.size(Media.write(tmp.resolve("f"), media, fast, List.of(), SegmentBudget.MAX_TABLE_ENTRIES)
                        .getFirst());
        long noneBytes =
                Files.size(Media.write(tmp.resolve("n"), media, none, List.of(), SegmentBudget.MAX_TABLE_ENTRIES)
                        .getFirst());

        // 16 of 40 chunks are random: they stay raw (chunk + 4 bytes); the other 24 shrink to almost nothing.
        assertThat(noneBytes).isGreaterThan(media.length);
        assertThat(fastBytes).isBetween(16L * (32768 + 4), 16L * (32768 + 4) + 24L * 4096);
    }

    @Test
    void write_multiSegment_rollsOverWithNextAndDataSections() throws IOException {
        byte[] media = Media.mixed(3, 100, 3); // ~2 MiB of random chunks among 3.2 MiB
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);

        assertThat(files).extracting(p -> p.getFileName().toString()).startsWith("image.E01", "image.E02");
        for (Path f : files) {
            assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(EwfLayout.MIN_SEGMENT_BYTES);
        }
        EwfTools.assertVerifiesAndExports(files.getFirst(), media, tmp);
    }

    @Test
    void write_uncompressedMultiSegment_fillsSegmentsToTheirSize() throws IOException {
        byte[] media = Media.mixed(4, 90, 1);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE);

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);

        assertThat(files).hasSize(3);
        assertThat(Files.size(files.getFirst())).isGreaterThan(EwfLayout.MIN_SEGMENT_BYTES - 40_000);
        EwfTools.assertVerifiesAndExports(files.getFirst(), media, tmp);
    }

    @Test
    void write_smallGroupLimit_rollsChunkGroupsOverWithinAndAcrossSegments() throws IOException {
        byte[] media = Media.mixed(5, 70, 2);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.BEST);

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, List.of(), 7);

        long tables = 0;
        for (Path f : files) {
            tables += SectionsOf.types(f).stream().filter("table"::equals).count();
        }
        assertThat(tables).isEqualTo((70 + 1 + 6) / 7);
        EwfTools.assertVerifiesAndExports(files.getFirst(), media, tmp);
    }

    @Test
    void write_badSectors_listedInError2AsEwfinfoShowsThem() throws IOException {
        byte[] media = Media.mixed(6, 20, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST);
        List<SectorRange> bad = List.of(new SectorRange(300, 4), new SectorRange(100, 5), new SectorRange(104, 2));

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, bad, SegmentBudget.MAX_TABLE_ENTRIES);

        assertThat(SectionsOf.types(files.getFirst())).containsSubsequence("data", "error2", "digest", "hash", "done");
        assertThat(EwfTools.ewfinfoErrors(files.getFirst()))
                .contains("at sector(s): 100 - 105 number: 6")
                .contains("at sector(s): 300 - 303 number: 4");
        EwfTools.assertVerifies(
                files.getFirst(), Media.hex(HashAlgorithm.MD5, media), Media.hex(HashAlgorithm.SHA1, media));
    }

    @Test
    void write_fileSystemImage_readBySleuthkitAsTheRawImageIs() throws IOException {
        Path raw = TestImages.get("mbr");
        byte[] media = Files.readAllBytes(raw);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

        List<Path> files = Media.write(tmp.resolve("e01"), media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);

        Path e01 = files.getFirst();
        assertThat(Tsk.run("img_stat", e01.toString()).ok().stdout())
                .contains("Image Type:\t\tewf")
                .contains("Size of data in bytes:\t" + media.length)
                .contains("MD5 hash of data:\t" + Media.hex(HashAlgorithm.MD5, media));
        assertThat(Tsk.mmls(e01)).isEqualTo(Tsk.mmls(raw));
        for (Tsk.MmlsRow row : Tsk.mmls(raw)) {
            if (row.slot().matches("\\d+:\\d+") && !row.description().contains("Extended")) {
                assertThat(Tsk.fls(e01, row.startSector(), null))
                        .as("partition at sector " + row.startSector())
                        .isEqualTo(Tsk.fls(raw, row.startSector(), null))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void write_sameInputTwice_givesIdenticalFiles() throws IOException {
        byte[] media = Media.mixed(7, 60, 5);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

        List<Path> a = Media.write(
                tmp.resolve("a"), media, layout, List.of(new SectorRange(9, 1)), SegmentBudget.MAX_TABLE_ENTRIES);
        List<Path> b = Media.write(
                tmp.resolve("b"), media, layout, List.of(new SectorRange(9, 1)), SegmentBudget.MAX_TABLE_ENTRIES);

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
        }
    }

    @Test
    void read_whileWriting_givesBackTheMediaBytes() throws IOException {
        byte[] media = Media.mixed(8, 30, 3);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);
        try (EwfWriter w = EwfWriter.create(tmp, "image", layout, Media.header())) {
            w.limitGroupEntries(4);
            Media.appendChunks(w, layout, media, 0, 11);
            ByteBuffer dst = ByteBuffer.allocate(11 * 32768 - 1000);

            assertThat(w.read(1000, dst)).isEqualTo(dst.capacity());

            assertThat(dst.array()).isEqualTo(java.util.Arrays.copyOfRange(media, 1000, 11 * 32768));
            assertThatThrownBy(() -> w.read(11 * 32768 - 10, ByteBuffer.allocate(11)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("beyond the 360448 bytes written so far");
        }
    }

    @Test
    void create_existingSegment_refusesToOverwrite() throws IOException {
        Files.writeString(tmp.resolve("image.E02"), "someone else's");
        EwfLayout layout = Media.layout(MIB, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

        assertThatThrownBy(() -> EwfWriter.create(tmp, "image", layout, Media.header()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("image.E02: exists already");
        assertThat(Files.readString(tmp.resolve("image.E02"))).isEqualTo("someone else's");
    }

    @Test
    void create_besideOtherFilesOfTheSameBaseName_leavesThemAlone() throws IOException {
        Files.writeString(tmp.resolve("image.txt"), "notes");
        Files.writeString(tmp.resolve("image.raw"), "raw");
        byte[] media = Media.mixed(9, 3, 0);
        EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

        Media.write(tmp, media, layout, List.of(), SegmentBudget.MAX_TABLE_ENTRIES);
        try (EwfWriter w = EwfWriter.resume(tmp, "image", layout, Media.header())) {
            assertThat(w.chunksWritten()).isEqualTo(3);
            Media.writeRest(w, layout, media, List.of());
        }

        assertThat(Files.readString(tmp.resolve("image.txt"))).isEqualTo("notes");
        assertThat(Files.readString(tmp.resolve("image.raw"))).isEqualTo("raw");
        assertThat(EwfCheck.check(tmp.resolve("image.E01"), List.of(), null).findings())
                .isEmpty();
    }

    @Test
    void append_wrongChunkLength_namesTheChunk() throws IOException {
        EwfLayout layout = Media.layout(MIB, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE);
        try (EwfWriter w = EwfWriter.create(tmp, "image", layout, Media.header())) {
            assertThatThrownBy(() -> w.append(new EncodedChunk(new byte[104], false, 100)))
                    .hasMessage("chunk 0 holds 100 media bytes, expected 32768");
        }
    }

    @Test
    void ewfverify_version_isTheOracleThisTestExpects() {
        assertThat(Proc.run("ewfverify", "-V").stdout()).contains("ewfverify 2014");
    }
}

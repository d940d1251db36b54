package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.image.ewf.ChunkEncoder;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfHeader;
import dev.exhibit.image.ewf.EwfLayout;
import dev.exhibit.image.ewf.EwfWriter;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An E01 set as the source: made by ewfacquire (the Debian tool every lab has), converted to raw and to E01 through
 * Exhibit's own reader, its stored hashes compared with those of its media; a damaged or incomplete set stops the
 * acquisition in one line naming the file, the chunk and the byte offset.
 */
class AcquisitionEwfSourceTest {
    static final long SIZE = 6L << 20;

    @TempDir
    Path dir;

    Path original;
    Path e01;

    @BeforeEach
    void ewfacquire() throws IOException {
        original = EwfOracle.mixedSource(dir.resolve("original.img"), SIZE, 9);
        Files.createDirectories(dir.resolve("made"));
        Proc.run(
                        "ewfacquire",
                        "-u",
                        "-q",
                        "-t",
                        dir.resolve("made/case1").toString(),
                        "-f",
                        "encase6",
                        "-c",
                        "fast",
                        "-S",
                        "1MiB",
                        "-C",
                        "CASE-1",
                        "-E",
                        "EV-1",
                        "-e",
                        "Examiner",
                        "-D",
                        "test set",
                        "-N",
                        "none",
                        "-d",
                        "sha1",
                        original.toString())
                .ok();
        e01 = dir.resolve("made/case1.E01");
        assertThat(dir.resolve("made/case1.E02"))
                .as("a set of several segments")
                .exists();
    }

    @Test
    void acquire_ofAnE01SetToRaw_givesItsMediaAndFindsItsStoredHashesRight() throws IOException {
        Path out = dir.resolve("out");

        Acquisition.Result r = Acquire.of(e01, out).run();

        assertThat(Files.mismatch(out.resolve("image.raw"), original)).isEqualTo(-1);
        assertThat(r.sourceVerdict()).isEqualTo("match");
        assertThat(r.sourceSummary()).isEqualTo("the MD5 and SHA-1 the source E01 stores are those of its media");
        JsonNode check = log(out).last("source-hashes").orElseThrow();
        assertThat(check.path("stored").path("md5").asText())
                .isEqualTo(
                        Proc.firstField(Proc.run("md5sum", original.toString()).ok()))
                .isEqualTo(check.path("computed").path("md5").asText());
        assertThat(check.path("stored").path("sha1").asText())
                .isEqualTo(check.path("computed").path("sha1").asText());
        JsonNode source = log(out).first("source").orElseThrow();
        assertThat(source.path("kind").asText()).isEqualTo("e01");
        assertThat(source.path("sizeBytes").asLong()).isEqualTo(SIZE);
        assertThat(source.path("e01").path("header").path("c").asText()).isEqualTo("CASE-1");
        assertThat(source.path("e01").path("segments").size()).isGreaterThan(1);
        AcquisitionOracle.assertLoggedHashesMatchImage(out);
    }

    @Test
    void acquire_ofAnE01SetToE01_writesASetWithTheSameMedia() throws IOException {
        Path out = dir.resolve("out");

        Acquire.of(e01, out).e01(EwfOptions.DEFAULTS).run();

        EwfOracle.assertEwfverifyPasses(out);
        assertThat(Files.mismatch(EwfOracle.asRaw(out, dir.resolve("raw")).resolve("image.raw"), original))
                .isEqualTo(-1);
    }

    @Test
    void acquire_ofAnE01WithAFlippedChunkByte_stopsNamingTheFileChunkAndOffset() throws IOException {
        // raw chunks of random data sit back to back from the first sectors section: 32 KiB and an Adler-32 each
        Path e02 = dir.resolve("made/case1.E02");
        byte[] bytes = Files.readAllBytes(e02);
        int sectors = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("sectors");
        long at = sectors + 76 + 100;
        bytes[(int) at] ^= 0x5A;
        Files.write(e02, bytes);
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> Acquire.of(e01, out).run())
                .isInstanceOf(ExhibitException.class)
                .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.EVIDENCE))
                .hasMessageContaining("source " + e01)
                .hasMessageContaining("case1.E02")
                .hasMessageContaining("chunk ")
                .hasMessageContaining("resume with");
        assertThat(log(out).status()).isEqualTo("failed");
    }

    @Test
    void acquire_ofAnE01WithAMissingSegment_isRefusedNamingIt() throws IOException {
        Files.delete(dir.resolve("made/case1.E03"));
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> Acquire.of(e01, out).run())
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("E03");
        assertThat(out).doesNotExist();
    }

    @Test
    void acquire_ofAnE01WhoseStoredHashesAreNotItsMedias_saysSo() throws IOException {
        Path made = Files.createDirectories(dir.resolve("wrong"));
        EwfLayout layout =
                new EwfLayout(SIZE, 512, 64, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST, true, false);
        byte[] media = Files.readAllBytes(original);
        try (EwfWriter w = EwfWriter.create(made, "set", layout, header());
                ChunkEncoder encoder = new ChunkEncoder(EwfCompression.FAST, layout.chunkBytes())) {
            for (int at = 0; at < media.length; at += layout.chunkBytes()) {
                w.append(encoder.encode(MemorySegment.ofArray(media).asSlice(at, layout.chunkBytes())));
            }
            // the MD5 and SHA-1 of another medium: a set changed after it was hashed looks like this
            w.finish(
                    List.of(),
                    HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
                    HexFormat.of().parseHex("1111111111111111111111111111111111111111"));
        }
        Path out = dir.resolve("out");

        Acquisition.Result r = Acquire.of(made.resolve("set.E01"), out).run();

        assertThat(r.sourceVerdict()).isEqualTo("mismatch");
        assertThat(r.sourceSummary())
                .contains("stores MD5 00112233445566778899aabbccddeeff where its media give "
                        + Proc.firstField(
                                Proc.run("md5sum", original.toString()).ok()))
                .contains("SHA-1 1111111111111111111111111111111111111111 where");
        assertThat(log(out).last("source-hashes").orElseThrow().path("verdict").asText())
                .isEqualTo("mismatch");
        assertThat(Files.mismatch(out.resolve("image.raw"), original)).isEqualTo(-1);
    }

    private static EwfHeader header() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new EwfHeader("C", "E", "X", "d", "n", "", "", t, t, "Linux", "0.1.0");
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report verify --evidence} of an item acquired as E01: the set is decoded, not its files concatenated, so a
 * sound set passes and one changed byte is named by file, chunk and media bytes.
 */
class ReportVerifyEwfItemTest {
    private static final long SOURCE_BYTES = 3L << 20;
    private static final long WINDOW_BYTES = 1L << 20;
    private static final int CHUNK_BYTES = 32768;

    @TempDir
    Path tmp;

    Path caseDir;
    Path item;
    Path source;
    CliKeys examiner;

    @BeforeEach
    void acquireAsE01AndReport() throws Exception {
        caseDir = tmp.resolve("case");
        ok("case", "init", caseDir.toString(), "--number", "42", "--title", "t", "--examiner", "Jane");
        source = Acquisitions.randomFile(tmp.resolve("source.bin"), SOURCE_BYTES, 11);
        ok(
                "acquire",
                source.toString(),
                "--case",
                caseDir.toString(),
                "--id",
                "EV-001",
                "--format",
                "e01",
                "--window",
                "1MiB",
                "--hash",
                "md5,sha1,sha256");
        item = caseDir.resolve("evidence/EV-001");
        examiner = CliKeys.examiner(tmp, "examiner", "CN=Jane");
        ok(
                "report",
                "build",
                caseDir.toString(),
                "--sign",
                examiner.p12().toString(),
                "--password-file",
                examiner.passwordFile().toString());
    }

    @Test
    void verifyEvidence_ofASoundE01Item_passes_afterDecodingEveryChunk() throws IOException {
        CliRunner.Result r = run();
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("PASS  evidence EV-001: E01 set re-read (1 segment file, every chunk checked): md5, sha1,"
                        + " sha256 of its media match the acquisition")
                .contains("Result: PASS");
    }

    @Test
    void verifyEvidence_ofAnE01ItemWithOneChangedByte_namesTheFileTheChunkAndTheWindow() throws IOException {
        Path e01 = item.resolve("image.E01");
        byte[] set = Files.readAllBytes(e01);
        byte[] media = Files.readAllBytes(source);
        // random media is stored raw, so its bytes stand verbatim in the set: change one in the second window
        long mediaByte = WINDOW_BYTES + 5 * CHUNK_BYTES + 77;
        int at = Acquisitions.indexOf(set, Arrays.copyOfRange(media, (int) mediaByte, (int) mediaByte + 64));
        assertThat(at).as("media bytes stored raw in the set").isPositive();
        e01.toFile().setWritable(true);
        set[at] ^= 0x40;
        Files.write(e01, set);

        CliRunner.Result r = run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.EVIDENCE);
        long chunk = mediaByte / CHUNK_BYTES;
        assertThat(r.out())
                .contains("FAIL  evidence EV-001: evidence/EV-001/image.E01 has SHA-256 "
                        + Acquisitions.sum("sha256", e01) + "; the log recorded ")
                .contains("chunk " + chunk + " (media bytes " + chunk * CHUNK_BYTES + ".."
                        + ((chunk + 1) * CHUNK_BYTES - 1) + ")")
                .contains("first changed region: media bytes " + WINDOW_BYTES + "–" + (2 * WINDOW_BYTES - 1))
                .doesNotContain("Result: PASS");
    }

    private CliRunner.Result run() throws IOException {
        try (Stream<Path> s = Files.list(caseDir.resolve("reports"))) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return CliRunner.run(
                    "report",
                    "verify",
                    all.getFirst().toString(),
                    "--evidence",
                    "--ca",
                    examiner.pem().toString());
        }
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}

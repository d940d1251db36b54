package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit verify FILE.E01}: any tool's E01 set, checked on its own, with Debian's ewfacquire as the maker. */
class VerifyCommandEwfFileTest {
    @TempDir
    static Path dir;

    static Path e01;
    static byte[] media;

    @BeforeAll
    static void makeSet() throws IOException {
        // text, zeros and random bytes, so that ewfacquire stores some chunks compressed and some raw
        media = new byte[3 << 20];
        Random random = new Random(9);
        for (int i = 0; i < media.length; i++) {
            media[i] = i < (1 << 20) ? (byte) ('a' + i % 23) : i < (2 << 20) ? 0 : (byte) random.nextInt();
        }
        Path raw = Files.write(dir.resolve("source.raw"), media);
        Proc.run(
                        null,
                        List.of(
                                "ewfacquire",
                                "-u",
                                "-q",
                                "-t",
                                dir.resolve("acq").toString(),
                                "-f",
                                "encase6",
                                "-c",
                                "fast",
                                "-d",
                                "sha1",
                                "-C",
                                "CASE <b>9</b>",
                                "-E",
                                "EV-9",
                                "-e",
                                "Examiner",
                                "-D",
                                "ewfacquire",
                                "-N",
                                "notes",
                                raw.toString()))
                .ok();
        e01 = dir.resolve("acq.E01");
    }

    @Test
    void verify_ofAnEwfacquireSet_saysOk_withTheStoredHashesMatched() {
        CliRunner.Result r = CliRunner.run("verify", e01.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .startsWith("OK: E01 set " + e01)
                .contains("md5:     " + hex(HashAlgorithm.MD5, media) + " matches the stored hash")
                .contains("sha1:    " + hex(HashAlgorithm.SHA1, media) + " matches the stored hash")
                .contains("sha256:  " + hex(HashAlgorithm.SHA256, media) + " (E01 has no place for SHA-256")
                .contains("media " + media.length + " bytes")
                .contains("case 'CASE <b>9</b>', evidence 'EV-9'");
    }

    @Test
    void verify_ofASetWithOneFlippedChunkByte_fails_namingTheChunkAndItsMediaBytes() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("flipped")).resolve("acq.E01");
        byte[] set = Files.readAllBytes(e01);
        // random media is stored raw, so its bytes stand verbatim in the file: find some and flip one
        long mediaByte = (2L << 20) + 3 * 32768 + 100;
        int at = Acquisitions.indexOf(set, Arrays.copyOfRange(media, (int) mediaByte, (int) mediaByte + 64));
        assertThat(at).as("the random media bytes stored raw in the set").isPositive();
        set[at] ^= 0x01;
        Files.write(copy, set);
        CliRunner.Result r = CliRunner.run("verify", copy.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.EVIDENCE);
        long chunk = mediaByte / 32768;
        assertThat(r.out())
                .startsWith("FAILED: E01 set " + copy)
                .contains("chunk " + chunk + " (media bytes " + chunk * 32768 + ".." + ((chunk + 1) * 32768 - 1) + ")")
                .contains(" DIFFERS from the stored " + hex(HashAlgorithm.MD5, media))
                .contains("stored MD5 " + hex(HashAlgorithm.MD5, media) + " differs from the computed");
    }

    private static String hex(HashAlgorithm a, byte[] data) {
        return HexFormat.of().formatHex(a.newDigest().digest(data));
    }

    @Test
    void verify_ofAnE01File_withSource_isAUsageError() {
        CliRunner.Result r = CliRunner.run("verify", e01.toString(), "--source");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r).contains("is an E01 file, not an acquisition directory");
    }
}

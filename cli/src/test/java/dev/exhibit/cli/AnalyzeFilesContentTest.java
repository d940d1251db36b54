package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@code exhibit analyze files --hash, --types, --hashdeep} through the sandbox worker, and their usage errors. */
class AnalyzeFilesContentTest {
    @Test
    void hashAndTypes_reachTheListingThroughTheWorker() throws Exception {
        Path image = TestImages.get("types");
        CliRunner.BytesResult r =
                CliRunner.runBytes("analyze", "files", image.toString(), "--json", "--hash", "sha1,md5", "--types");
        assertThat(r.exit()).as(r.toString()).isZero();
        int checked = 0;
        for (String line : new String(r.out(), StandardCharsets.UTF_8).lines().toList()) {
            JsonNode n = Jcs.mapper().readTree(line);
            if (n.path("path").asText().equals("/photo.dat")) {
                byte[] content = Tsk.icat(image, 0, null, n.path("inode").asText(), false);
                assertThat(n.path("md5").asText())
                        .isEqualTo(HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("MD5")
                                        .digest(content)));
                assertThat(n.path("mediaType").asText()).isEqualTo("image/jpeg");
                assertThat(n.path("extensionMismatch").asBoolean()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1);
    }

    @Test
    void table_showsTheFirstDigestAndTheType() {
        CliRunner.Result r = CliRunner.run(
                "analyze", "files", TestImages.get("types").toString(), "--table", "--hash", "md5", "--types");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("MD5").contains("Media type");
        assertThat(r.out()).containsPattern("[0-9a-f]{32}  !image/jpeg +/photo\\.dat");
    }

    @Test
    void hashdeep_writesItsHeader_andRefusesWhatItsFormatCannotHold() {
        CliRunner.Result r =
                CliRunner.run("analyze", "files", TestImages.get("fat12").toString(), "--hashdeep");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n");
        CliRunner.Result sha512 =
                CliRunner.run("analyze", "files", TestImages.get("fat12").toString(), "--hashdeep", "--hash", "sha512");
        assertThat(sha512.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(sha512.err()).contains("hashdeep's format takes md5, sha1 and sha256 digests, not sha512");
        CliRunner.Result unknown =
                CliRunner.run("analyze", "files", TestImages.get("fat12").toString(), "--hash", "crc32");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--hash: unknown hash algorithm 'crc32'");
    }
}

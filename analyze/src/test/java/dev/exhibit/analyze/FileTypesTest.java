package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze files --types}: the media type comes from the content alone, as libmagic ({@code file
 * --mime-type}) finds it too, for live, deleted and hidden streams; the flag says where the name's extension
 * contradicts it (the {@code types} image's recipe names them).
 */
class FileTypesTest {
    @TempDir
    Path tmp;

    @Test
    void types_comeFromTheContent_andMismatchedExtensionsAreFlagged() throws Exception {
        Path image = TestImages.get("types");
        Map<String, JsonNode> byPath = records(image, ContentOptions.of(List.of(), true));
        // what the recipe put where: a JPEG named .dat, one in a stream, a deleted one, random bytes named .jpg
        assertThat(byPath.get("/photo.dat").path("extensionMismatch").asBoolean())
                .isTrue();
        assertThat(byPath.get("/notes.txt:payload").path("extensionMismatch").asBoolean())
                .isFalse();
        assertThat(byPath.get("/gone.jpg").path("deleted").asBoolean()).isTrue();
        assertThat(byPath.get("/gone.jpg").path("extensionMismatch").asBoolean())
                .isFalse();
        assertThat(byPath.get("/random.jpg").path("extensionMismatch").asBoolean())
                .isTrue();
        assertThat(byPath.get("/random.jpg").path("extensionMediaType").asText())
                .isEqualTo("image/jpeg");
        assertThat(byPath.get("/report.pdf").path("extensionMismatch").asBoolean())
                .isTrue();
        assertThat(byPath.get("/real.jpg").path("extensionMismatch").asBoolean())
                .isFalse();
        assertThat(byPath.get("/notes.txt").path("extensionMismatch").asBoolean())
                .isFalse();
        assertThat(byPath.get("/big.bin").path("extensionMismatch").asBoolean()).isFalse();
        for (String p : List.of("/photo.dat", "/notes.txt:payload", "/gone.jpg", "/real.jpg")) {
            assertThat(byPath.get(p).path("mediaType").asText()).as(p).isEqualTo("image/jpeg");
        }
        // libmagic agrees on the type of every stream the recipe wrote
        for (Map.Entry<String, JsonNode> e : byPath.entrySet()) {
            if (e.getKey().startsWith("/$")) {
                continue;
            }
            Path content = Files.write(
                    tmp.resolve("stream"),
                    Tsk.icat(image, 0, null, e.getValue().path("inode").asText(), false));
            String libmagic = Proc.run(null, List.of("file", "-b", "--mime-type", content.toString()))
                    .ok()
                    .stdout()
                    .strip();
            assertThat(e.getValue().path("mediaType").asText()).as(e.getKey()).isEqualTo(libmagic);
        }
        // types alone read the first bytes only and add no digests
        assertThat(byPath.get("/big.bin").has("md5")).isFalse();
    }

    @Test
    void typesWithDigests_giveTheSameTypes() throws Exception {
        Path image = TestImages.get("types");
        Map<String, JsonNode> alone = records(image, ContentOptions.of(List.of(), true));
        Map<String, JsonNode> both =
                records(image, ContentOptions.of(List.of(dev.exhibit.core.digest.HashAlgorithm.SHA256), true));
        assertThat(both.keySet()).isEqualTo(alone.keySet());
        for (String p : alone.keySet()) {
            assertThat(both.get(p).path("mediaType"))
                    .as(p)
                    .isEqualTo(alone.get(p).path("mediaType"));
            assertThat(both.get(p).path("extensionMismatch"))
                    .as(p)
                    .isEqualTo(alone.get(p).path("extensionMismatch"));
        }
        assertThat(both.get("/big.bin").path("sha256").asText()).isEqualTo(Tsk.icatSha256(image, 0, null, "64-128-2"));
    }

    /** The records that carry a media type, by path and stream ({@code /notes.txt:payload}). */
    private static Map<String, JsonNode> records(Path image, ContentOptions content) throws Exception {
        Run.Output out = Run.files(
                new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES).reading(content));
        assertThat(out.problems()).isEmpty();
        Map<String, JsonNode> byPath = new TreeMap<>();
        for (String line : out.text().lines().toList()) {
            JsonNode r = Jcs.mapper().readTree(line);
            if (r.has("mediaType")) {
                String stream =
                        r.path("stream").isNull() ? "" : ":" + r.path("stream").asText();
                byPath.put(r.path("path").asText() + stream, r);
            }
        }
        return byPath;
    }
}

package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImagesTest {
    @Test
    void get_buildsTheImageAndItsFactsDescribeIt() throws IOException {
        Path image = TestImages.get("fat12");
        JsonNode facts = TestImages.facts("fat12");

        assertThat(image).isRegularFile().hasFileName("fat12.img");
        assertThat(facts.path("name").asText()).isEqualTo("fat12");
        assertThat(Files.size(image)).isEqualTo(facts.path("media_size_bytes").asLong());
        assertThat(Sha256.ofFile(image)).isEqualTo(facts.path("media_sha256").asText());
        assertThat(TestImages.segments("fat12")).containsExactly(image);
    }

    @Test
    void get_reusesTheCacheWhileTheRecipesAreUnchanged() throws IOException {
        Path dir = TestImages.dir("fat12");
        String stamp = Files.readString(dir.resolve(".stamp"));

        assertThat(stamp).isEqualTo(TestImages.recipeStamp(TestImages.repoRoot()));
        assertThat(TestImages.get("fat12").getParent()).isEqualTo(dir);
    }

    @Test
    void names_listsEveryImageOfTheBrief() {
        assertThat(TestImages.names())
                .contains("fat12", "fat16", "fat32", "fat32-small", "exfat", "ntfs", "ext4", "iso9660", "mbr", "gpt")
                .contains("e01", "split-raw", "vhd", "vmdk", "garbage", "truncated", "mbr-loop", "empty", "hostile")
                .contains("demo");
    }

    @Test
    void build_failsWithTheScriptsMessageForAnUnknownImage(@TempDir Path out) {
        assertThatThrownBy(() -> TestImages.buildInto("no-such-image", out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown image 'no-such-image'");
    }

    @Test
    void build_failsNamingTheMissingToolAndItsPackage(@TempDir Path tmp) throws IOException {
        // A PATH holding every tool of the system except mcopy: the recipe must stop before building anything.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String dir : new String[] {"/usr/bin", "/bin"}) {
            try (var tools = Files.list(Path.of(dir))) {
                for (Path tool : tools.toList()) {
                    Path link = bin.resolve(tool.getFileName());
                    if (!tool.getFileName().toString().equals("mcopy") && !Files.exists(link)) {
                        Files.createSymbolicLink(link, tool);
                    }
                }
            }
        }
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> Builder.build(TestImages.repoRoot(), "fat12", out, Map.of("PATH", bin.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing tools: mcopy (package mtools)");
        assertThat(out.resolve("fat12.img")).doesNotExist();
    }

    @Test
    void ensureBuilt_rebuildsWhenTheRecipesChangeAndOnlyThen(@TempDir Path cache) throws IOException {
        Path root = TestImages.repoRoot();
        Path dir = TestImages.ensureBuilt(root, cache, "garbage");
        Path marker = Files.writeString(dir.resolve("marker"), "left by the test");

        assertThat(TestImages.ensureBuilt(root, cache, "garbage")).isEqualTo(dir);
        assertThat(marker).exists();

        Files.writeString(dir.resolve(".stamp"), "stamp of an older recipe");
        TestImages.ensureBuilt(root, cache, "garbage");

        assertThat(marker).doesNotExist();
        assertThat(Files.readString(dir.resolve(".stamp"))).isEqualTo(TestImages.recipeStamp(root));
        assertThat(Sha256.ofFile(dir.resolve("garbage.img")))
                .isEqualTo(TestImages.facts("garbage").path("media_sha256").asText());
    }

    @Test
    void get_isSafeWhenSeveralJvmsBuildTheSameImageAtOnce(@TempDir Path cache) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = cache.resolveSibling(cache.getFileName() + "-child" + i + ".out");
            outputs.add(out);
            children.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "-D" + TestImages.CACHE_PROPERTY + "=" + cache,
                            ConcurrentBuildMain.class.getName(),
                            "fat12")
                    .directory(Path.of(System.getProperty("user.dir")).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start());
        }
        String expected = TestImages.facts("fat12").path("media_sha256").asText();
        for (int i = 0; i < children.size(); i++) {
            assertThat(children.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(children.get(i).exitValue())
                    .as(Files.readString(outputs.get(i)))
                    .isZero();
            assertThat(Files.readString(outputs.get(i)).strip()).isEqualTo(expected);
            Files.delete(outputs.get(i));
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fat12", ".locks");
        }
    }
}

package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fresh build equals the cached one (built earlier, possibly days ago): the facts always, the image bytes when the
 * facts say the image is byte-reproducible.
 */
class ReproducibilityTest {
    static java.util.List<String> images() {
        return TestImages.names();
    }

    @ParameterizedTest
    @MethodSource("images")
    void rebuild_givesTheSameFactsAndBytes(String name, @TempDir Path fresh) throws IOException {
        Path cached = TestImages.dir(name);
        TestImages.buildInto(name, fresh);
        JsonNode facts = TestImages.facts(name);

        assertThat(Files.readString(fresh.resolve(name + ".facts.json")))
                .isEqualTo(Files.readString(cached.resolve(name + ".facts.json")));
        if (facts.path("byte_reproducible").asBoolean()) {
            for (JsonNode segment : facts.path("segments")) {
                assertThat(Sha256.ofFile(fresh.resolve(segment.asText())))
                        .as("%s: %s", name, segment.asText())
                        .isEqualTo(Sha256.ofFile(cached.resolve(segment.asText())));
            }
        }
    }
}

package dev.exhibit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hostile image holds what the brief asks for, and libtsk's walk limits behave as recorded: entries below a
 * directory whose path reaches 4096 bytes or which lies deeper than 128 levels are left out silently.
 */
class HostileImagesTest {
    @Test
    void hostile_holdsEveryKindOfHostileName() {
        List<String> hex = new ArrayList<>();
        int longest = 0;
        for (JsonNode e : entries("hostile")) {
            hex.add(e.path("path_hex").asText());
            longest = Math.max(longest, e.path("path_bytes").asInt());
        }
        String all = String.join(" ", hex);

        assertThat(all)
                .as("markup, quotes, </script>, RLO, ESC [, invalid UTF-8, newline, C1 CSI")
                .contains(hexOf("<img src=x onerror=alert(1)>"))
                .contains(hexOf("\"double\" 'single'"))
                .contains(hexOf("</script><script>alert(1)</script>"))
                .contains("e280ae") // U+202E
                .contains("1b5b33316d") // ESC [31m
                .contains("fffe")
                .contains("0a")
                .contains("c29b"); // U+009B
        assertThat(longest).isGreaterThan(FactsPaths.TSK_PATH_BUFFER_BYTES);
    }

    @Test
    void hostile_entriesBeyondTheWalkLimitsAreMissingFromFls() {
        List<String> hiddenByPath = new ArrayList<>();
        List<String> hiddenByDepth = new ArrayList<>();
        for (JsonNode e : entries("hostile")) {
            if (!FactsPaths.visibleToTsk(e)) {
                (e.path("depth").asInt() > FactsPaths.TSK_MAX_DEPTH ? hiddenByDepth : hiddenByPath)
                        .add(FactsPaths.flsPath(e));
            }
        }
        List<String> listed = Tsk.fls(TestImages.get("hostile"), 0, null).stream()
                .map(Tsk.FlsEntry::path)
                .toList();

        assertThat(hiddenByPath).isNotEmpty();
        assertThat(hiddenByDepth).isNotEmpty();
        assertThat(listed).doesNotContainAnyElementsOf(hiddenByPath).doesNotContainAnyElementsOf(hiddenByDepth);
        assertThat(listed).anyMatch(p -> p.length() >= FactsPaths.TSK_PATH_BUFFER_BYTES);
    }

    @Test
    void pathOverflow_directoryPathOf4095BytesAbortsFls() {
        JsonNode longest = null;
        for (JsonNode e : entries("path-overflow")) {
            if (e.path("kind").asText().equals("dir")
                    && (longest == null
                            || e.path("path_bytes").asInt()
                                    > longest.path("path_bytes").asInt())) {
                longest = e;
            }
        }
        assertThat(longest.path("path_bytes").asInt()).isEqualTo(FactsPaths.TSK_PATH_BUFFER_BYTES - 1);

        Proc.Result r =
                Tsk.run("fls", "-r", "-p", TestImages.get("path-overflow").toString());

        // glibc's FORTIFY_SOURCE check in the Debian build turns libtsk's one-byte overflow into SIGABRT
        assertThat(r.exitCode()).isEqualTo(128 + 6);
        assertThat(r.stderr()).contains("buffer overflow detected");
    }

    private static JsonNode entries(String name) {
        return TestImages.facts(name).path("file_systems").get(0).path("entries");
    }

    private static String hexOf(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

package dev.exhibit.acquire.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/acquisition-log.md promises that an outsider can check a log with sha256sum and jq alone: run its commands on
 * its worked example, intact and tampered, and compare with Exhibit's own chain walk.
 */
class AcquisitionLogDocTest {
    @TempDir
    Path dir;

    @Test
    void documentedChainCheck_passesTheWorkedExample_andAgreesWithTheChainVerifier() throws IOException {
        Path log = writeExample();

        Proc.Result r =
                Proc.run(dir, List.of("bash", "-c", block("chain-check"))).ok();

        ChainReport chain = ChainVerifier.verify(log, e -> {});
        assertThat(chain.intact()).as(chain.problems().toString()).isTrue();
        assertThat(r.stdout().strip())
                .isEqualTo("5 records checked; head hash " + chain.headHash())
                .doesNotContain("broken");
        assertThat(doc()).contains("It prints `5 records checked; head hash " + chain.headHash() + "`");
    }

    @Test
    void documentedChainCheck_namesTheLineAfterAnEditedOne() throws IOException {
        Path log = writeExample();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("\"lengthBytes\":1024", "\"lengthBytes\":1025"));
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        Proc.Result r =
                Proc.run(dir, List.of("bash", "-c", block("chain-check"))).ok();

        assertThat(r.stdout()).contains("chain broken at line 4").doesNotContain("line 3");
        assertThat(ChainVerifier.verify(log, e -> {}).problems().getFirst().line())
                .isEqualTo(4);
    }

    private Path writeExample() throws IOException {
        Path log = dir.resolve("acquisition.log.jsonl");
        Files.writeString(log, block("worked-example"), StandardCharsets.UTF_8);
        return log;
    }

    /** The fenced code block between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}. */
    private static String block(String name) throws IOException {
        String doc = doc();
        String begin = "<!-- " + name + ":begin -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf("<!-- " + name + ":end -->");
        assertThat(from).as("marker " + begin).isNotNegative();
        String fenced = doc.substring(from + begin.length(), to).strip();
        return fenced.substring(fenced.indexOf('\n') + 1, fenced.lastIndexOf("```"));
    }

    private static String doc() throws IOException {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("docs/acquisition-log.md"))) {
            d = d.getParent();
        }
        assertThat(d).as("docs/acquisition-log.md above the working directory").isNotNull();
        return Files.readString(d.resolve("docs/acquisition-log.md"), StandardCharsets.UTF_8);
    }
}

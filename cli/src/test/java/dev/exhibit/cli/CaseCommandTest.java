package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseCommandTest {
    @TempDir
    Path tmp;

    @Test
    void init_createsTheCaseDirectory() {
        Path c = tmp.resolve("case");
        CliRunner.Result r = CliRunner.run(
                "case",
                "init",
                c.toString(),
                "--number",
                "2026-0042",
                "--title",
                "Fraud",
                "--examiner",
                "Jane",
                "--examiner",
                "Joe",
                "--org",
                "Lab");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("created case 2026-0042");
        assertThat(c.resolve("case.json")).isRegularFile();
        assertThat(c.resolve("custody.log.jsonl")).isRegularFile();
        assertThat(c.resolve("evidence")).isDirectory();
        assertThat(c.resolve("reports")).isDirectory();
    }

    @Test
    void init_refusesANonEmptyDirectoryOnOneLine() throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        CliRunner.Result r =
                CliRunner.run("case", "init", tmp.toString(), "--number", "1", "--title", "t", "--examiner", "J");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip())
                .startsWith("exhibit: error: case directory")
                .contains("not empty")
                .doesNotContain("\n");
    }

    @Test
    void init_withoutAnExaminerIsAUsageError() {
        CliRunner.Result r =
                CliRunner.run("case", "init", tmp.resolve("c").toString(), "--number", "1", "--title", "t");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--examiner");
    }
}

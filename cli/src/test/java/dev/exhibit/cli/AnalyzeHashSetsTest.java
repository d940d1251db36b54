package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit analyze files --hashset} through the worker: the marks on stdout, the hits and counts on stderr. */
class AnalyzeHashSetsTest {
    @TempDir
    Path dir;

    @Test
    void analyzeFiles_withHashSets_marksStreams_andReportsNotableOnesAndCounts() throws IOException {
        Path image = TestImages.get("ext4");
        String store = dir.resolve("store").toString();
        CliRunner.Result plain = CliRunner.run("analyze", "files", image.toString(), "--hash", "sha1", "--json");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        List<String> sha1s = plain.out()
                .lines()
                .filter(l -> l.contains("\"sha1\":\""))
                .map(l -> l.replaceFirst(".*\"sha1\":\"([0-9a-f]{40})\".*", "$1"))
                .distinct()
                .toList();
        Files.write(dir.resolve("bad.txt"), sha1s.subList(0, 1));
        Files.write(dir.resolve("known.txt"), sha1s.subList(1, 4));
        assertThat(CliRunner.run(
                                "hashset",
                                "import",
                                "bad",
                                dir.resolve("bad.txt").toString(),
                                "--kind",
                                "notable",
                                "--store",
                                store)
                        .exit())
                .isZero();
        assertThat(CliRunner.run(
                                "hashset",
                                "import",
                                "known",
                                dir.resolve("known.txt").toString(),
                                "--kind",
                                "known",
                                "--store",
                                store)
                        .exit())
                .isZero();

        CliRunner.Result r = CliRunner.run(
                "analyze",
                "files",
                image.toString(),
                "--hashset",
                "known",
                "--hashset",
                "bad",
                "--store",
                store,
                "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        long badStreams = r.out()
                .lines()
                .filter(l -> l.contains("\"hashsets\":[\"bad\"]"))
                .count();
        long knownStreams = r.out()
                .lines()
                .filter(l -> l.contains("\"hashsets\":[\"known\"]"))
                .count();
        long oracleBad = Long.parseLong(
                Proc.run("bash", "-c", "grep -c '\"sha1\":\"" + sha1s.getFirst() + "\"' <<'EOF'\n" + r.out() + "EOF")
                        .stdout()
                        .strip());
        assertThat(badStreams).isEqualTo(oracleBad).isPositive();
        assertThat(knownStreams).isGreaterThanOrEqualTo(3);
        assertThat(r.err()
                        .lines()
                        .filter(l -> l.startsWith("exhibit: notable: "))
                        .count())
                .isEqualTo(badStreams);
        assertThat(r.err())
                .contains("data streams hashed, " + knownStreams + " known, " + badStreams
                        + " notable (looked up in known (known), bad (notable))");
    }

    @Test
    void analyzeFiles_withAnUnknownSetOrNoCommonAlgorithm_isAUsageError() throws IOException {
        Path image = TestImages.get("ext4");
        String store = dir.resolve("store").toString();
        Files.write(dir.resolve("s.txt"), List.of("0".repeat(64)));
        CliRunner.run("hashset", "import", "sha", dir.resolve("s.txt").toString(), "--kind", "known", "--store", store);
        CliRunner.Result unknown =
                CliRunner.run("analyze", "files", image.toString(), "--hashset", "nsrl", "--store", store);
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(unknown)
                .isEqualTo("exhibit: error: no hash set named 'nsrl' in " + store + " (it holds: sha)");
        CliRunner.Result md5 = CliRunner.run(
                "analyze", "files", image.toString(), "--hash", "md5", "--hashset", "sha", "--store", store);
        assertThat(md5.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(md5)
                .isEqualTo("exhibit: error: hash set 'sha' holds sha256 digests, and the listing"
                        + " computes md5: add --hash sha256 (or leave --hash out)");
    }
}

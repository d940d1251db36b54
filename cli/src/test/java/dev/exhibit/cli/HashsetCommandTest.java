package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit hashset import|list|lookup} end to end, against sha256sum and grep. */
class HashsetCommandTest {
    @TempDir
    Path dir;

    private String store() {
        return dir.resolve("store").toString();
    }

    private static String sh(Path dir, String script) {
        return Proc.run(dir, List.of("bash", "-c", "set -euo pipefail; " + script))
                .ok()
                .stdout();
    }

    private static List<String> randomMd5s(int count, long seed) {
        Random random = new Random(seed);
        List<String> result = new ArrayList<>();
        byte[] b = new byte[16];
        for (int i = 0; i < count; i++) {
            random.nextBytes(b);
            result.add(HexFormat.of().formatHex(b));
        }
        return result;
    }

    @Test
    void importListLookup_showWhatTheSetHoldsAndWhereItCameFrom() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(tree.resolve("f" + i), "content " + i);
        }
        sh(dir, "cd tree && md5sum * > ../known.md5");
        CliRunner.Result imported = CliRunner.run(
                "hashset",
                "import",
                "case-known",
                dir.resolve("known.md5").toString(),
                "--kind",
                "known",
                "--description",
                "Files of the office image",
                "--store",
                store());
        assertThat(imported.exit()).as(imported.toString()).isZero();
        assertThat(imported.out())
                .contains(
                        "imported 1 file(s) into hash set 'case-known' (known)",
                        "md5sum",
                        "md5: 20 distinct digests (20 new)");

        CliRunner.Result list = CliRunner.run("hashset", "list", "--store", store());
        assertThat(list.exit()).isZero();
        String sha256 =
                Proc.firstField(Proc.run("sha256sum", dir.resolve("known.md5").toString()));
        assertThat(list.out())
                .contains("case-known  known  md5 20")
                .contains("description: Files of the office image")
                .contains("source " + dir.resolve("known.md5"))
                .contains("SHA-256 " + sha256 + ", ")
                .containsPattern("imported \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z by exhibit ");

        List<String> queries = new ArrayList<>(randomMd5s(30, 1));
        queries.addAll(List.of(sh(dir, "cut -c1-32 known.md5").split("\n")));
        Files.write(dir.resolve("queries.txt"), queries);
        CliRunner.Result looked = CliRunner.run(
                "hashset", "lookup", "--file", dir.resolve("queries.txt").toString(), "--store", store());
        assertThat(looked.exit()).isZero();
        List<String> expected = new ArrayList<>();
        for (String q : queries) {
            boolean inList =
                    Proc.run("grep", "-q", "^" + q, dir.resolve("known.md5").toString())
                                    .exitCode()
                            == 0;
            expected.add(q + "\t" + (inList ? "case-known" : "-"));
        }
        assertThat(looked.out().lines().toList()).isEqualTo(expected);
    }

    @Test
    void malformedLine_isOneErrorLineNamingFileAndLine_exit2() throws IOException {
        List<String> lines = new ArrayList<>(randomMd5s(10, 2));
        lines.set(6, lines.get(6) + "  name\u001b[31m");
        Path list = Files.write(dir.resolve("bad.txt"), lines);
        CliRunner.Result r =
                CliRunner.run("hashset", "import", "s", list.toString(), "--kind", "notable", "--store", store());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r)
                .startsWith("exhibit: error: " + list + ": line 7 is not a line of the plain md5 list that line 1"
                        + " began (the line reads \"")
                .contains("⟨U+001B⟩[31m");
        assertThat(CliRunner.run("hashset", "list", "--store", store()).out())
                .startsWith("Hash sets in ")
                .contains(": 0");
    }

    @Test
    void truncatedSqlite_isOneErrorLine_exit2() throws IOException {
        sh(
                dir,
                "sqlite3 full.db 'CREATE TABLE FILE (sha256, sha1, md5); INSERT INTO FILE VALUES (hex(randomblob(32)),"
                        + " hex(randomblob(20)), hex(randomblob(16)));' && head -c 2000 full.db > cut.db");
        CliRunner.Result r = CliRunner.run(
                "hashset", "import", "s", dir.resolve("cut.db").toString(), "--kind", "known", "--store", store());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r).startsWith("exhibit: error: " + dir.resolve("cut.db") + " is truncated: 2000 bytes");
    }

    @Test
    void importKilledMidway_leavesNoSet_andTheNextImportClearsWhatItLeft() throws Exception {
        Path big = dir.resolve("big.txt");
        sh(dir, "head -c 48000000 /dev/urandom | od -An -v -tx1 -w16 | tr -d ' ' > big.txt");
        Path storeDir = dir.resolve("store");
        Process child = CliRunner.spawn(
                List.of("hashset", "import", "big", big.toString(), "--kind", "known", "--store", store()),
                dir.resolve("out.txt"),
                dir.resolve("err.txt"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean building = false;
        while (!building && child.isAlive() && System.nanoTime() < deadline) {
            if (Files.isDirectory(storeDir)) {
                try (Stream<Path> entries = Files.list(storeDir)) {
                    building = entries.anyMatch(p -> p.getFileName().toString().startsWith(".import-big-"));
                }
            }
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor();
        assertThat(building).as("the import was caught while building").isTrue();
        assertThat(storeDir.resolve("big")).doesNotExist();
        assertThat(CliRunner.run("hashset", "list", "--store", store()).out()).contains(": 0");

        Path small = Files.write(dir.resolve("small.txt"), randomMd5s(5, 3));
        assertThat(CliRunner.run("hashset", "import", "small", small.toString(), "--kind", "known", "--store", store())
                        .exit())
                .isZero();
        try (Stream<Path> entries = Files.list(storeDir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("small", ".lock");
        }
    }
}

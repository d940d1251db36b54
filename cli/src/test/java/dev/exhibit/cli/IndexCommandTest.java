package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit index CASE} into SQLite: what is loaded, reloading, drift, and a load killed midway. */
class IndexCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path hostile;
    static Path ext4;

    @BeforeAll
    static void analyse() throws IOException {
        Path c = IndexedCases.newCase(shared.resolve("template"));
        hostile = IndexedCases.addItem(c, "EV-1", "hostile");
        ext4 = IndexedCases.addItem(c, "EV-2", "ext4");
    }

    /** A fresh copy of the two-item case, so that each test may edit it. */
    private static Path copyCase(Path dir) throws IOException {
        Path target = dir.resolve("case");
        Proc.run("cp", "-a", shared.resolve("template").toString(), target.toString())
                .ok();
        Files.deleteIfExists(target.resolve("case.db"));
        return target;
    }

    private static long count(Path db, String sql) {
        return Long.parseLong(
                Proc.run("sqlite3", db.toString(), sql).ok().stdout().strip());
    }

    @Test
    void index_loadsEveryRecord_andNamesItsSourceFileWithItsSha256(@TempDir Path dir) throws IOException {
        Path c = copyCase(dir);
        CliRunner.Result r = CliRunner.run("index", c.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Path db = c.resolve("case.db");
        assertThat(Proc.run("sqlite3", db.toString(), "PRAGMA journal_mode")
                        .ok()
                        .stdout()
                        .strip())
                .isEqualTo("wal");
        for (String item : List.of("EV-1", "EV-2")) {
            Path analysis = c.resolve("evidence").resolve(item).resolve("analysis");
            assertThat(count(db, "SELECT count(*) FROM files WHERE item_id = '" + item + "'"))
                    .isEqualTo(
                            IndexedCases.lines(analysis.resolve("files.jsonl")).size());
            assertThat(count(db, "SELECT count(*) FROM timeline WHERE item_id = '" + item + "'"))
                    .isEqualTo(IndexedCases.lines(analysis.resolve("timeline.jsonl"))
                            .size());
            String sha = Proc.run("sha256sum", analysis.resolve("files.jsonl").toString())
                    .ok()
                    .stdout()
                    .split(" ")[0];
            assertThat(Proc.run(
                                    "sqlite3",
                                    db.toString(),
                                    "SELECT DISTINCT source_file || ' ' || source_sha256 FROM files WHERE item_id = '"
                                            + item + "'")
                            .ok()
                            .stdout()
                            .strip())
                    .isEqualTo("evidence/" + item + "/analysis/files.jsonl " + sha);
        }
        assertThat(Files.readString(c.resolve("case-database.json"))).contains("\"url\" : \"sqlite:case.db\"");
        assertThat(Proc.run("sqlite3", db.toString(), "SELECT version FROM flyway_schema_history")
                        .ok()
                        .stdout()
                        .strip())
                .isEqualTo("1");
    }

    @Test
    void fileSystems_takeTheirTypeAndLabelFromTheSummary_asFsstatReadsThem(@TempDir Path dir) throws IOException {
        Path c = copyCase(dir);
        assertThat(CliRunner.run("index", c.toString()).exit()).isZero();
        String fsstat = Proc.run(
                        "fsstat", dev.exhibit.testkit.TestImages.get("ext4").toString())
                .ok()
                .stdout();
        String type =
                fsstat.replaceFirst("(?s).*File System Type: (\\S+).*", "$1").toLowerCase(java.util.Locale.ROOT);
        String label = fsstat.replaceFirst("(?s).*Volume Name: ([^\\n]*)\n.*", "$1");
        assertThat(Proc.run(
                                "sqlite3",
                                c.resolve("case.db").toString(),
                                "SELECT fs_type || '|' || label || '|' || file_count FROM file_system"
                                        + " WHERE item_id = 'EV-2'")
                        .ok()
                        .stdout()
                        .strip())
                .isEqualTo(type + "|" + label + "|"
                        + IndexedCases.lines(ext4.resolve("files.jsonl")).size());
    }

    @Test
    void hostileNames_roundTripByteForByte_inTheDatabaseAndInSearch(@TempDir Path dir) throws IOException {
        Path c = copyCase(dir);
        assertThat(CliRunner.run("index", c.toString()).exit()).isZero();
        List<String> expected = new ArrayList<>();
        for (String line : IndexedCases.lines(hostile.resolve("files.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            expected.add(HexFormat.of()
                            .withUpperCase()
                            .formatHex(Base64.getDecoder()
                                    .decode(n.get("pathBytes").asText()))
                    + " "
                    + HexFormat.of()
                            .withUpperCase()
                            .formatHex(Base64.getDecoder()
                                    .decode(n.get("nameBytes").asText())));
        }
        // sqlite3 reads the BLOBs itself: the bytes stored, not what Exhibit says it stored
        List<String> stored = Proc.run(
                        "sqlite3",
                        c.resolve("case.db").toString(),
                        "SELECT hex(path_bytes) || ' ' || hex(name_bytes) FROM file WHERE item_id = 'EV-1' ORDER BY seq")
                .ok()
                .stdout()
                .lines()
                .toList();
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(String.join("\n", expected))
                .contains("FFFE")
                .contains("5C")
                .contains("22")
                .contains("3C");

        CliRunner.BytesResult all = CliRunner.runBytes("search", c.toString(), "--item", "EV-1", "--json");
        assertThat(all.exit()).as(all.toString()).isZero();
        List<String> searched = new ArrayList<>();
        for (String line : all.text().lines().toList()) {
            searched.add(JSON.readTree(line).get("pathBytes").asText());
        }
        List<String> listed = new ArrayList<>();
        for (String line : IndexedCases.lines(hostile.resolve("files.jsonl"))) {
            listed.add(JSON.readTree(line).get("pathBytes").asText());
        }
        assertThat(searched).containsExactlyElementsOf(listed);

        // names that attack a query: quotes, a backslash, markup, invalid UTF-8 (matched in display form)
        for (String[] q : new String[][] {
            {"\"double\" 'single'*", "\"double\" 'single' `back` quotes.txt"},
            {"..\\\\..\\\\Windows*", "..\\..\\Windows\\System32\\evil.dll"},
            {"<img src=x*", "<img src=x onerror=alert(1)>.html"},
            {"bad_⟨0xFF⟩*", "bad_\u27e80xFF\u27e9\u27e80xFE\u27e9_utf8.txt"}
        }) {
            CliRunner.Result r = CliRunner.run("search", c.toString(), "--name", q[0], "--json");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out().lines().map(l -> {
                        try {
                            return JSON.readTree(l).get("name").asText();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .as(q[0])
                    .containsExactly(q[1]);
        }
        byte[] raw = Base64.getDecoder()
                .decode(JSON.readTree(CliRunner.run("search", c.toString(), "--name", "bad_*", "--json")
                                .out()
                                .lines()
                                .findFirst()
                                .orElseThrow())
                        .get("nameBytes")
                        .asText());
        assertThat(raw).isEqualTo("bad_\u00ff\u00fe_utf8.txt".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void reindexing_leavesUnchangedItems_andReplacesExactlyTheRowsOfAChangedOne(@TempDir Path dir) throws IOException {
        Path c = copyCase(dir);
        Path db = c.resolve("case.db");
        assertThat(CliRunner.run("index", c.toString()).exit()).isZero();
        long ev1 = count(db, "SELECT count(*) FROM file WHERE item_id = 'EV-1'");
        String ev1Rows = Proc.run("sqlite3", db.toString(), "SELECT * FROM file WHERE item_id = 'EV-1' ORDER BY seq")
                .ok()
                .stdout();

        CliRunner.Result again = CliRunner.run("index", c.toString());
        assertThat(again.out()).contains("item EV-1: unchanged").contains("item EV-2: unchanged");

        Path files = c.resolve("evidence/EV-2/analysis/files.jsonl");
        List<String> lines = IndexedCases.lines(files);
        Files.write(files, lines.subList(0, lines.size() / 2));
        CliRunner.Result r = CliRunner.run("index", c.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("item EV-1: unchanged").contains("item EV-2: " + lines.size() / 2 + " files");
        assertThat(count(db, "SELECT count(*) FROM file WHERE item_id = 'EV-2'"))
                .isEqualTo(lines.size() / 2);
        assertThat(count(db, "SELECT count(*) FROM file WHERE item_id = 'EV-1'"))
                .isEqualTo(ev1);
        assertThat(Proc.run("sqlite3", db.toString(), "SELECT * FROM file WHERE item_id = 'EV-1' ORDER BY seq")
                        .ok()
                        .stdout())
                .isEqualTo(ev1Rows);
    }

    @Test
    void check_reportsAnEditedAMissingAndAnUnindexedFile_withStatus1(@TempDir Path dir) throws IOException {
        Path c = copyCase(dir);
        assertThat(CliRunner.run("index", c.toString()).exit()).isZero();
        CliRunner.Result clean = CliRunner.run("index", c.toString(), "--check");
        assertThat(clean.exit()).as(clean.toString()).isZero();

        Path files = c.resolve("evidence/EV-1/analysis/files.jsonl");
        String edited = Files.readString(files).replaceFirst("\"size\":38", "\"size\":39");
        Files.writeString(files, edited);
        Files.delete(c.resolve("evidence/EV-2/analysis/timeline.jsonl"));
        Proc.run(
                        "cp",
                        "-a",
                        c.resolve("evidence/EV-2").toString(),
                        c.resolve("evidence/EV-3").toString())
                .ok();

        CliRunner.Result r = CliRunner.run("index", c.toString(), "--check");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains("drift: item EV-1: evidence/EV-1/analysis/files.jsonl has SHA-256 "
                        + Proc.run("sha256sum", files.toString()).ok().stdout().split(" ")[0])
                .contains("drift: item EV-2: evidence/EV-2/analysis/timeline.jsonl is missing")
                .contains("drift: item EV-3 is not indexed");
        assertThat(r.err()).contains("differs from").contains("in 3 place(s)");
    }

    @Test
    void aLoadKilledMidway_leavesThePreviousRows(@TempDir Path dir) throws Exception {
        Path c = copyCase(dir);
        Path db = c.resolve("case.db");
        assertThat(CliRunner.run("index", c.toString()).exit()).isZero();
        String before = Proc.run(
                        "sqlite3",
                        db.toString(),
                        "SELECT item_id, count(*) FROM file GROUP BY item_id;"
                                + " SELECT item_id, count(*) FROM event GROUP BY item_id; SELECT * FROM source ORDER BY 1, 2")
                .ok()
                .stdout();

        // a listing large enough that its load takes seconds: the ext4 records, 150 times over
        Path files = c.resolve("evidence/EV-2/analysis/files.jsonl");
        List<String> lines = IndexedCases.lines(files);
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            big.addAll(lines);
        }
        Files.write(files, big);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = CliRunner.spawn(List.of("index", c.toString()), out, err);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(err).contains("indexing item EV-2") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(p.isAlive()).as("still loading when killed").isTrue();
        p.destroyForcibly().waitFor();

        assertThat(Proc.run(
                                "sqlite3",
                                db.toString(),
                                "SELECT item_id, count(*) FROM file GROUP BY item_id;"
                                        + " SELECT item_id, count(*) FROM event GROUP BY item_id;"
                                        + " SELECT * FROM source ORDER BY 1, 2")
                        .ok()
                        .stdout())
                .isEqualTo(before);
        CliRunner.Result check = CliRunner.run("index", c.toString(), "--check");
        assertThat(check.out()).contains("drift: item EV-2: evidence/EV-2/analysis/files.jsonl has SHA-256");
    }
}

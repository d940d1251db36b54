package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit index --db postgresql://...} against a real PostgreSQL ({@link PostgresCluster}): the same answers as
 * SQLite on the same case, credentials from the environment or a password file only, TLS, and four indexers at once.
 * The CLI runs as child processes, which is where PGPASSWORD and PGPASSFILE are read.
 */
class PostgresIndexTest {
    @TempDir
    static Path dir;

    static PostgresCluster pg;
    static Path caseDir;

    @BeforeAll
    static void start() throws IOException {
        pg = PostgresCluster.start();
        caseDir = IndexedCases.newCase(dir.resolve("case"));
        IndexedCases.addItem(caseDir, "EV-1", "hostile");
        IndexedCases.addItem(caseDir, "EV-2", "ext4");
        // the longest name a file system allows, 255 bytes, every one a control character: its display form (a
        // 12-byte badge each) is larger than a PostgreSQL btree entry may be
        String badges = "\u27e8U+0001\u27e9".repeat(255);
        String bytes = java.util.Base64.getEncoder()
                .encodeToString("\u0001".repeat(255).getBytes(StandardCharsets.US_ASCII));
        String pathBytes = java.util.Base64.getEncoder()
                .encodeToString(("/" + "\u0001".repeat(255)).getBytes(StandardCharsets.US_ASCII));
        Path long255 = Files.createDirectories(caseDir.resolve("evidence/EV-9/analysis"));
        Files.writeString(
                long255.resolve("files.jsonl"),
                "{\"partition\":null,\"path\":\"/" + badges + "\",\"pathBytes\":\"" + pathBytes + "\",\"name\":\""
                        + badges + "\",\"nameBytes\":\"" + bytes + "\",\"stream\":null,\"inode\":\"12\","
                        + "\"nameType\":\"file\",\"allocated\":true,\"deleted\":false,\"orphan\":false,"
                        + "\"size\":0,\"mtime\":null,\"atime\":null,\"ctime\":null,\"crtime\":null}\n");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** A child CLI and the files its output goes to. */
    record Child(Process process, Path out, Path err) {
        Run finish() throws Exception {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /** Runs the CLI as a child JVM with {@code env} added to its environment (PGPASSWORD, PGPASSFILE cleared). */
    private static Run exhibit(Map<String, String> env, String... args) throws Exception {
        return start(env, args).finish();
    }

    private static Child start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder b =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        b.environment().remove("PGPASSWORD");
        b.environment().remove("PGPASSFILE");
        b.environment().putAll(env);
        return new Child(b.start(), out, err);
    }

    private static final Map<String, String> PASSWORD = Map.of("PGPASSWORD", PostgresCluster.PASSWORD);

    @Test
    void postgresAndSqlite_giveTheSameAnswers_andKeepHostileNamesByteForByte() throws Exception {
        pg.createDatabase("same");
        Run lite = exhibit(
                Map.of(),
                "index",
                caseDir.toString(),
                "--db",
                caseDir.resolve("case.db").toString());
        assertThat(lite.exit()).as(lite.toString()).isZero();
        Run server = exhibit(PASSWORD, "index", caseDir.toString(), "--db", pg.url("same"));
        assertThat(server.exit()).as(server.toString()).isZero();

        List<List<String>> searches = List.of(
                List.of("search", "--json"),
                List.of("search", "--json", "--deleted"),
                List.of("search", "--json", "--name", "*.txt"),
                List.of("search", "--json", "--name", "\u27e8U+0001\u27e9\u27e8U+0001\u27e9*"),
                List.of("search", "--json", "--path", "/**/*.{txt,html}", "--item", "EV-1"),
                List.of(
                        "search",
                        "--json",
                        "--type",
                        "text/*",
                        "--from",
                        "2024-01-22T00:00:00Z",
                        "--to",
                        "2024-01-24T00:00:00Z"),
                List.of("timeline", "--format", "jsonl"),
                List.of("timeline", "--format", "csv", "--from", "2024-01-23T00:00:00Z"));
        for (List<String> s : searches) {
            List<String> args = new ArrayList<>(List.of(s.getFirst(), caseDir.toString()));
            args.addAll(s.subList(1, s.size()));
            List<String> liteArgs = new ArrayList<>(args);
            liteArgs.addAll(List.of("--db", caseDir.resolve("case.db").toString()));
            List<String> pgArgs = new ArrayList<>(args);
            pgArgs.addAll(List.of("--db", pg.url("same")));
            Run a = exhibit(Map.of(), liteArgs.toArray(String[]::new));
            Run b = exhibit(PASSWORD, pgArgs.toArray(String[]::new));
            assertThat(a.exit()).as(a.toString()).isZero();
            assertThat(b.exit()).as(b.toString()).isZero();
            assertThat(a.out()).as(String.join(" ", s)).isNotEmpty();
            assertThat(b.out()).as(String.join(" ", s)).isEqualTo(a.out());
        }
        // each server reads the bytes it stores itself
        String sqliteBytes = Proc.run(
                        "sqlite3",
                        caseDir.resolve("case.db").toString(),
                        "SELECT lower(hex(name_bytes)) FROM file WHERE item_id = 'EV-1' ORDER BY seq")
                .ok()
                .stdout();
        assertThat(pg.psql("same", "SELECT encode(name_bytes, 'hex') FROM file WHERE item_id = 'EV-1' ORDER BY seq"))
                .isEqualTo(sqliteBytes)
                .contains("ff") // bad_\xff\xfe_utf8.txt
                .contains("5c"); // a backslash
        assertThat(Files.readString(caseDir.resolve("case-database.json")))
                .contains(pg.url("same"))
                .doesNotContain(PostgresCluster.PASSWORD);
    }

    @Test
    void credentials_comeFromAPasswordFile_neverTheCommandLine_andTlsIsRequired() throws Exception {
        pg.createDatabase("creds");
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(
                pgpass,
                "localhost:" + pg.port + ":creds:" + PostgresCluster.USER + ":"
                        + PostgresCluster.PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Run viaFile = exhibit(
                Map.of("PGPASSFILE", pgpass.toString()),
                "index",
                caseDir.toString(),
                "--db",
                pg.url("creds"),
                "--item",
                "EV-2");
        assertThat(viaFile.exit()).as(viaFile.toString()).isZero();
        assertThat(pg.psql("creds", "SELECT count(*) FROM item").strip()).isEqualTo("1");

        String withPassword = pg.url("creds").replace(PostgresCluster.USER + "@", PostgresCluster.USER + ":pw@");
        Run refused = exhibit(Map.of(), "index", caseDir.toString(), "--db", withPassword);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("holds a password").doesNotContain(":pw@");

        Run wrong = exhibit(Map.of("PGPASSWORD", "wrong"), "index", caseDir.toString(), "--db", pg.url("creds"));
        assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(3);
        assertThat(wrong.err().strip().lines()).hasSize(1);
        assertThat(wrong.err()).contains("password authentication failed").doesNotContain("wrong");

        Run plain = exhibit(
                PASSWORD,
                "index",
                caseDir.toString(),
                "--db",
                "postgresql://" + PostgresCluster.USER + "@localhost:" + pg.port + "/creds?sslmode=disable");
        assertThat(plain.exit()).as(plain.toString()).isEqualTo(3);
        assertThat(plain.err()).contains("no encryption");
    }

    @Test
    void fourIndexersAtOnce_intoOneDatabase_loseNothing() throws Exception {
        pg.createDatabase("four");
        Path four = IndexedCases.newCase(dir.resolve("four"));
        for (int i = 1; i <= 4; i++) {
            Path from = caseDir.resolve("evidence").resolve(i % 2 == 1 ? "EV-1" : "EV-2");
            Proc.run(
                            "cp",
                            "-a",
                            from.toString(),
                            four.resolve("evidence").resolve("EV-" + i).toString())
                    .ok();
        }
        List<Child> children = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            children.add(start(PASSWORD, "index", four.toString(), "--db", pg.url("four"), "--item", "EV-" + i));
        }
        for (Child c : children) {
            Run r = c.finish();
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        for (int i = 1; i <= 4; i++) {
            Path analysis = four.resolve("evidence").resolve("EV-" + i).resolve("analysis");
            assertThat(pg.psql("four", "SELECT count(*) FROM file WHERE item_id = 'EV-" + i + "'")
                            .strip())
                    .isEqualTo(String.valueOf(
                            IndexedCases.lines(analysis.resolve("files.jsonl")).size()));
            assertThat(pg.psql("four", "SELECT count(*) FROM event WHERE item_id = 'EV-" + i + "'")
                            .strip())
                    .isEqualTo(String.valueOf(IndexedCases.lines(analysis.resolve("timeline.jsonl"))
                            .size()));
        }
        assertThat(pg.psql("four", "SELECT count(*) FROM flyway_schema_history WHERE success")
                        .strip())
                .isEqualTo("1");
        Run check = exhibit(PASSWORD, "index", four.toString(), "--check", "--db", pg.url("four"));
        assertThat(check.exit()).as(check.toString()).isZero();
    }
}

package dev.exhibit.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index reads analysis files that anyone with access to the case could have edited. Given real ones (30 records
 * of the {@code hostile} image's listing and timeline) with random damage, a load either succeeds or is refused with
 * one line naming the file, never with another exception, and a refused load leaves the rows of the last good one.
 * Seeded, so a failure replays.
 */
class ItemLoaderFuzzTest {
    private static final byte[] HOSTILE = {'"', '\\', '{', '}', ',', ':', '\n', (byte) 0xFF, (byte) 0xC3, '0', 'x'};

    @TempDir
    Path dir;

    @Test
    void load_ofDamagedAnalysisFiles_loadsOrRefusesWithOneLine_andKeepsTheLastGoodRows() throws Exception {
        Path caseDir = dir.resolve("case");
        Path analysis = Files.createDirectories(caseDir.resolve("evidence/EV-1/analysis"));
        Files.writeString(caseDir.resolve("case.json"), "{\"format\":\"exhibit-case/1\",\"caseNumber\":\"F-1\"}");
        byte[] files = resource("files.jsonl");
        byte[] timeline = resource("timeline.jsonl");
        Files.write(analysis.resolve("files.jsonl"), files);
        Files.write(analysis.resolve("timeline.jsonl"), timeline);
        Random random = new Random(20261208);
        int loaded = 0;
        int refused = 0;
        try (CaseDatabase db =
                CaseDatabase.open(DatabaseUrl.parse(dir.resolve("case.db").toString()))) {
            Indexer.index(caseDir, db, Set.of(), id -> {});
            String good = rows(db);
            assertThat(good).startsWith("30 30");
            for (int round = 0; round < 150; round++) {
                boolean listing = random.nextBoolean();
                byte[] damaged = mutate(listing ? files : timeline, random);
                Files.write(analysis.resolve(listing ? "files.jsonl" : "timeline.jsonl"), damaged);
                try {
                    Indexer.index(caseDir, db, Set.of(), id -> {});
                    loaded++;
                    good = rows(db);
                } catch (ExhibitException e) {
                    refused++;
                    assertThat(e.getMessage()).doesNotContain("\n").contains("evidence/EV-1/analysis/");
                    assertThat(rows(db)).isEqualTo(good);
                }
                Files.write(analysis.resolve(listing ? "files.jsonl" : "timeline.jsonl"), listing ? files : timeline);
            }
        }
        assertThat(loaded).as("damaged files that still load").isPositive();
        assertThat(refused).as("damaged files refused").isPositive();
    }

    private static String rows(CaseDatabase db) throws SQLException {
        try (Statement s = db.connection().createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM file) || ' ' || (SELECT count(*) FROM event)"
                        + " || ' ' || (SELECT group_concat(sha256) FROM source)")) {
            r.next();
            return r.getString(1);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(b.length);
            b[at] = random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : (byte) random.nextInt(256);
        }
        if (random.nextInt(6) == 0) {
            b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
        }
        return b;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ItemLoaderFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}

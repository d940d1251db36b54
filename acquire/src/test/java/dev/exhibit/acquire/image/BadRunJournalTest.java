package dev.exhibit.acquire.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.acquire.pipeline.BadRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal of unreadable sectors an E01 resume relies on: what was added is read back, a line torn by a crash is
 * left out, and a damaged journal (it lies in the output directory, where anything can change it) never throws.
 */
class BadRunJournalTest {
    @TempDir
    Path dir;

    @Test
    void read_givesBackWhatWasAdded_withoutATornLastLine() throws IOException {
        List<BadRun> runs = List.of(
                new BadRun(0, 1, 512, "EIO: Input/output error", 0),
                new BadRun(4096, 200, 512, "ENODATA: No data available", 2));
        try (BadRunJournal j = BadRunJournal.in(dir)) {
            j.add(runs.subList(0, 1));
            j.add(runs.subList(1, 2));
        }
        Files.writeString(
                dir.resolve(BadRunJournal.FILE_NAME),
                "9000 12 512 0 EIO: Input",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertThat(BadRunJournal.read(dir)).containsExactlyElementsOf(runs);
    }

    @Test
    void read_ofARandomlyDamagedJournal_neverThrows_andGivesOnlyValidRuns() throws IOException {
        try (BadRunJournal j = BadRunJournal.in(dir)) {
            for (int i = 0; i < 20; i++) {
                j.add(List.of(new BadRun(i * 1000L, 1 + i, 512, "EIO: Input/output error", i % 3)));
            }
        }
        byte[] good = Files.readAllBytes(dir.resolve(BadRunJournal.FILE_NAME));
        SplittableRandom random = new SplittableRandom(20261207);
        for (int round = 0; round < 500; round++) {
            byte[] bad = good.clone();
            for (int k = 1 + random.nextInt(8); k > 0; k--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            Files.write(dir.resolve(BadRunJournal.FILE_NAME), bad);

            List<BadRun> runs = BadRunJournal.read(dir);

            assertThat(runs).hasSizeLessThanOrEqualTo(20).allSatisfy(r -> {
                assertThat(r.firstSector()).isNotNegative();
                assertThat(r.sectorCount()).isPositive();
                assertThat(r.sectorBytes()).isPositive();
            });
        }
    }
}

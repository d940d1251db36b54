package dev.exhibit.analyze.hashset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-file reader given damaged key files (bytes changed in the header, the table or the keys; cut short;
 * grown): it opens them or refuses them as damaged in one line, and an opened one answers lookups without throwing.
 * Seeded, so a failure replays.
 */
class KeyFileFuzzTest {
    @TempDir
    Path dir;

    @Test
    void open_ofDamagedKeyFiles_refusesOrAnswersLookups() throws IOException {
        List<String> hex = Fixtures.randomHex(5000, 16, 41);
        KeySorter sorter = new KeySorter(HashAlgorithm.MD5, dir, 1 << 14);
        for (String h : hex) {
            sorter.add(Fixtures.bytes(h));
        }
        Path good = dir.resolve("md5.keys");
        sorter.finish(good, null);
        byte[] original = Files.readAllBytes(good);
        int tableStart = KeyFile.HEADER_BYTES + 5000 * 16;
        Random random = new Random(20261209);
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            byte[] b = original.clone();
            int region = random.nextInt(4);
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = switch (region) {
                    case 0 -> random.nextInt(KeyFile.HEADER_BYTES);
                    case 1 -> tableStart + random.nextInt(b.length - tableStart);
                    default -> random.nextInt(b.length);
                };
                b[at] = (byte) random.nextInt(256);
            }
            if (region == 3) {
                b = Arrays.copyOf(b, random.nextBoolean() ? random.nextInt(b.length) : b.length + random.nextInt(64));
            }
            Path damaged = Files.write(dir.resolve("damaged.keys"), b);
            try (KeyFile k = KeyFile.open(damaged, HashAlgorithm.MD5)) {
                for (String h : hex.subList(0, 200)) {
                    k.contains(Fixtures.bytes(h));
                }
                for (String h : Fixtures.randomHex(200, 16, round)) {
                    k.contains(Fixtures.bytes(h));
                }
            } catch (ExhibitException e) {
                refused++;
                assertThat(e.getMessage())
                        .startsWith("hash-set index " + damaged + " is damaged: ")
                        .doesNotContain("\n");
            }
        }
        assertThat(refused).isPositive();
        try (KeyFile k = KeyFile.open(good, HashAlgorithm.MD5)) {
            assertThat(hex).allMatch(h -> k.contains(Fixtures.bytes(h)));
        }
    }
}

package dev.exhibit.analyze.hashset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
    @TempDir
    Path dir;

    private KeyFile write(String name, List<byte[]> keys) throws IOException {
        KeySorter sorter = new KeySorter(HashAlgorithm.SHA1, dir, 20 * 3000);
        for (byte[] k : keys) {
            sorter.add(k);
        }
        sorter.finish(dir.resolve(name), null);
        return KeyFile.open(dir.resolve(name), HashAlgorithm.SHA1);
    }

    @Test
    void contains_findsEveryKeyAndNoOther_inUniformSetsAndInSetsOfOnePrefix() throws IOException {
        Random random = new Random(61);
        for (int sharedBytes : new int[] {0, 4, 9}) {
            List<byte[]> keys = new java.util.ArrayList<>();
            Set<String> hex = new HashSet<>();
            byte[] prefix = new byte[sharedBytes];
            random.nextBytes(prefix);
            for (int i = 0; i < 20_000; i++) {
                byte[] k = new byte[20];
                random.nextBytes(k);
                System.arraycopy(prefix, 0, k, 0, sharedBytes);
                // Runs of neighbours: keys that differ only in their last byte.
                if (i % 3 == 1) {
                    k = keys.getLast().clone();
                    k[19]++;
                }
                keys.add(k);
                hex.add(HexFormat.of().formatHex(k));
            }
            try (KeyFile file = write("keys-" + sharedBytes, keys)) {
                assertThat(file.count()).isEqualTo(hex.size());
                assertThat(keys).allMatch(file::contains);
                for (int i = 0; i < 20_000; i++) {
                    byte[] k = keys.get(i).clone();
                    k[random.nextInt(20)] ^= (byte) (1 + random.nextInt(255));
                    assertThat(file.contains(k))
                            .isEqualTo(hex.contains(HexFormat.of().formatHex(k)));
                }
            }
        }
    }
}

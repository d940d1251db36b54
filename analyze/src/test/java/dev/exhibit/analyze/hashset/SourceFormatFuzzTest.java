package dev.exhibit.analyze.hashset;

import static dev.exhibit.analyze.hashset.Fixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.ExhibitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of hash-set files (hashdeep, sum lists with and without tags, plain lists, NSRL's SQLite) given real
 * files with random damage: each either reads the file or refuses it with one line naming the file, never with any
 * other exception. Seeded, so a failure replays.
 */
class SourceFormatFuzzTest {
    private static final byte[] HOSTILE = {0, '\r', '\n', (byte) 0xFF, (byte) 0xC3, ',', ' ', '*', '\\', '%', '#', 'a'};

    @TempDir
    Path dir;

    @Test
    void read_ofDamagedTextLists_readsOrRefusesWithOneLine() throws IOException {
        Path tree = dir.resolve("tree");
        Fixtures.files(tree, 12, 31);
        sh(
                tree,
                "hashdeep -c md5,sha1,sha256 -r . > ../a.hashdeep; md5sum * > ../b.md5; sha256sum --tag * > ../c.tag;"
                        + " sha1sum * | cut -c1-40 > ../d.plain;"
                        // The same bytes in every run, so that the seed replays: hashdeep names the directory it ran
                        // in.
                        + " sed -i 's|^## Invoked from: .*|## Invoked from: /case|' ../a.hashdeep");
        Random random = new Random(20261207);
        int read = 0;
        int refused = 0;
        for (String name : new String[] {"a.hashdeep", "b.md5", "c.tag", "d.plain"}) {
            byte[] original = Files.readAllBytes(dir.resolve(name));
            for (int round = 0; round < 200; round++) {
                Path damaged = Files.write(dir.resolve("damaged-" + name), mutate(original, random));
                if (outcome(damaged)) {
                    read++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(read).as("damaged lists that still read").isPositive();
        assertThat(refused).as("damaged lists refused").isPositive();
    }

    @Test
    void read_ofDamagedNsrlDatabases_readsOrRefusesWithOneLine() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String hex : Fixtures.randomHex(200, 32, 32)) {
            rows.add(new String[] {hex.substring(0, 32), hex.substring(0, 40), hex});
        }
        byte[] original = Files.readAllBytes(Nsrl.minimal(dir.resolve("rds.db"), rows));
        Random random = new Random(20261208);
        int refused = 0;
        for (int round = 0; round < 80; round++) {
            byte[] b = original.clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(5) == 0) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            refused += outcome(Files.write(dir.resolve("damaged.db"), b)) ? 0 : 1;
        }
        assertThat(refused).isPositive();
    }

    /** True when the file was read, false when refused properly; anything else fails the test. */
    private static boolean outcome(Path file) throws IOException {
        try {
            SourceFormat.read(file, (algorithm, digest) -> assertThat(digest).hasSize(Digests.widthBytes(algorithm)));
            return true;
        } catch (ExhibitException e) {
            assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE);
            assertThat(e.getMessage()).startsWith(file.toString());
            assertThat(e.getMessage().chars())
                    .as(e.getMessage())
                    .noneMatch(c -> Character.getType(c) == Character.CONTROL);
            return false;
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(original);
        byte[] b = out.toByteArray();
        for (int edits = 1 + random.nextInt(4); edits > 0 && b.length > 0; edits--) {
            int at = random.nextInt(b.length);
            b = switch (random.nextInt(5)) {
                case 0 -> {
                    b[at] = HOSTILE[random.nextInt(HOSTILE.length)];
                    yield b;
                }
                case 1 -> splice(b, at, at + random.nextInt(Math.min(40, b.length - at) + 1), new byte[0]);
                case 2 -> splice(b, at, at, new byte[] {HOSTILE[random.nextInt(HOSTILE.length)]});
                case 3 -> java.util.Arrays.copyOf(b, at);
                default -> splice(b, at, at, java.util.Arrays.copyOfRange(b, 0, Math.min(b.length, 200)));
            };
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from);
        out.writeBytes(insert);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}

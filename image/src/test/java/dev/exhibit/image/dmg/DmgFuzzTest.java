package dev.exhibit.image.dmg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.exhibit.testkit.SharedImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of small valid DMGs (the writer's, every public codec): the trailer, the data fork, and the
 * {@code mish} tables inside the plist's base64 (decoded, damaged, re-encoded, so the damage reaches past the XML
 * parser). Open, reads and checksum checks finish quickly and fail only with an IOException naming the file.
 */
class DmgFuzzTest {
    private static final long SEED = 0x646d67L;
    private static final int CASES = 300;
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    private static final long READ_LIMIT_BYTES = 4L << 20;
    private static final Pattern DATA = Pattern.compile("<data>(.*?)</data>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void openReadAndVerify_onMutatedDmgs_failOnlyWithClearIoErrors() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(DmgEdgeCaseTest.everyType().write(DmgEdgeCaseTest.disk()));
        for (String codec : List.of("adc", "bzip2", "lzma", "zlib")) {
            seeds.add(Files.readAllBytes(SharedImages.get("keramics-hfsplus_" + codec + ".dmg")));
        }
        Random rnd = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] dmg = seeds.get(rnd.nextInt(seeds.size())).clone();
            String what;
            byte[] mutated;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    mutated = flip(dmg, dmg.length - Koly.BYTES, Koly.BYTES, rnd);
                    what = "trailer bytes changed";
                }
                case 1 -> {
                    mutated = flip(dmg, 0, dmg.length - Koly.BYTES, rnd);
                    what = "data fork or plist bytes changed";
                }
                default -> {
                    mutated = mutateTable(dmg, rnd);
                    what = "a mish table changed";
                }
            }
            Path p = tmp.resolve("case-" + i + ".dmg");
            Files.write(p, mutated);
            String label = what + " (case " + i + ")";
            refused += assertTimeoutPreemptively(PER_CASE, () -> exercise(p, label));
            Files.delete(p);
        }
        assertThat(refused).as("cases refused").isBetween(CASES / 20, CASES - CASES / 20);
    }

    /** Returns 1 when open or a read refused the image. */
    private static int exercise(Path p, String what) {
        try (DmgReader r = DmgReader.open(p)) {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            for (long off = 0; off < Math.min(r.sizeBytes(), READ_LIMIT_BYTES); off += b.capacity()) {
                b.clear();
                r.read(off, b);
            }
            r.info();
            if (r.sizeBytes() <= READ_LIMIT_BYTES) {
                assertThat(r.verifyChecksums().overall()).isNotBlank();
            }
            return 0;
        } catch (IOException e) {
            assertThat(e.getMessage())
                    .as(e.getClass().getSimpleName() + " after " + what)
                    .contains(p.getFileName().toString())
                    .doesNotContain("Exception");
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reader threw " + e + " after " + what, e);
        }
    }

    private static byte[] flip(byte[] data, int from, int length, Random rnd) {
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            int at = from + rnd.nextInt(length);
            data[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (data[at] ^ (1 << rnd.nextInt(8)));
        }
        return data;
    }

    /** Decodes one region's table, damages it (often a chunk entry's fields), re-encodes it and fixes the trailer. */
    private static byte[] mutateTable(byte[] dmg, Random rnd) {
        ByteBuffer k = ByteBuffer.wrap(dmg, dmg.length - Koly.BYTES, Koly.BYTES).slice();
        int xmlAt = (int) k.getLong(216);
        int xmlLength = (int) k.getLong(224);
        String xml = new String(dmg, xmlAt, xmlLength, StandardCharsets.US_ASCII);
        List<int[]> spans = new ArrayList<>();
        Matcher m = DATA.matcher(xml);
        while (m.find()) {
            spans.add(new int[] {m.start(1), m.end(1)});
        }
        int[] span = spans.get(rnd.nextInt(spans.size()));
        byte[] table = Base64.getMimeDecoder().decode(xml.substring(span[0], span[1]));
        int entries = Math.max(1, (table.length - MishTable.HEADER_BYTES) / MishTable.ENTRY_BYTES);
        int entryAt = MishTable.HEADER_BYTES + MishTable.ENTRY_BYTES * rnd.nextInt(entries);
        int field = rnd.nextInt(10);
        if (field < 6 && entryAt + 40 <= table.length) {
            int at = entryAt + 8 + 8 * rnd.nextInt(4) + 4 + rnd.nextInt(4);
            table[at] = (byte) rnd.nextInt(256);
        } else {
            flip(table, 0, table.length, rnd);
        }
        String newXml =
                xml.substring(0, span[0]) + Base64.getMimeEncoder().encodeToString(table) + xml.substring(span[1]);
        byte[] x = newXml.getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = Arrays.copyOfRange(dmg, dmg.length - Koly.BYTES, dmg.length);
        ByteBuffer.wrap(trailer).putLong(224, x.length);
        return UdifWriter.concat(
                Arrays.copyOfRange(dmg, 0, xmlAt),
                x,
                Arrays.copyOfRange(dmg, xmlAt + xmlLength, dmg.length - Koly.BYTES),
                trailer);
    }
}

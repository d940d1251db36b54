package dev.exhibit.analyze.vs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GptTableTest {
    /** The header and entries of the gpt image, as sfdisk reads them. */
    @Test
    void parse_readsWhatSfdiskReads() throws Exception {
        Sfdisk.Table sfdisk = Sfdisk.read(TestImages.get("gpt"));
        GptTable table = read(TestImages.get("gpt"));
        assertThat(table.diskGuid()).isEqualTo(sfdisk.id());
        assertThat(table.entries()).hasSameSizeAs(sfdisk.partitions());
        for (int i = 0; i < table.entries().size(); i++) {
            GptTable.Entry e = table.entries().get(i);
            Sfdisk.Part p = sfdisk.partitions().get(i);
            assertThat(e.number()).isEqualTo(p.number());
            assertThat(e.typeGuid()).isEqualTo(p.type());
            assertThat(e.partitionGuid()).isEqualTo(p.uuid());
            assertThat(e.firstSector()).isEqualTo(p.start());
            assertThat(e.lastSector()).isEqualTo(p.start() + p.size() - 1);
        }
    }

    /** Counts and sizes from a hostile header are bounded before anything is read. */
    @Test
    void header_refusesSizesBeyondTheLimits() throws Exception {
        byte[] sector = header(TestImages.get("gpt"));
        ByteBuffer b = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(80, Integer.MAX_VALUE);
        assertThat(GptTable.header(sector)).isEmpty();
        b.putInt(80, 128).putInt(84, 100);
        assertThat(GptTable.header(sector)).isEmpty();
        b.putInt(84, 128).putLong(72, 1);
        assertThat(GptTable.header(sector)).isEmpty();
    }

    /** Random bytes and random damage to a real header and entry array: never an exception, never a huge read. */
    @Test
    void fuzz_parseNeverFailsOnHostileBytes() throws Exception {
        byte[] header = header(TestImages.get("gpt"));
        byte[] array;
        try (Image image = Image.open(TestImages.get("gpt"))) {
            array = image.read(2 * 512, 128 * 128);
        }
        SplittableRandom random = new SplittableRandom(0x6770745L);
        for (int round = 0; round < 20_000; round++) {
            byte[] h = round % 4 == 0 ? bytes(random, random.nextInt(600)) : mutate(random, header);
            Optional<GptTable.Header> parsed = GptTable.header(h);
            parsed.ifPresent(x -> assertThat(x.arrayBytes()).isBetween(1, GptTable.ARRAY_MAX_BYTES));
            GptTable.Header use = parsed.orElse(new GptTable.Header("x", 2, 128, 128));
            byte[] a = round % 3 == 0 ? bytes(random, random.nextInt(use.arrayBytes() + 1)) : mutate(random, array);
            GptTable t = GptTable.parse(use, a);
            assertThat(t.entries().size()).isLessThanOrEqualTo(use.count());
        }
    }

    private static GptTable read(java.nio.file.Path path) throws Exception {
        try (Image image = Image.open(path)) {
            GptTable.Header h = GptTable.header(image.read(512, 512)).orElseThrow();
            return GptTable.parse(h, image.read(h.entriesSector() * 512, h.arrayBytes()));
        }
    }

    private static byte[] header(java.nio.file.Path path) throws Exception {
        try (Image image = Image.open(path)) {
            return image.read(512, 512);
        }
    }

    static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] mutate(SplittableRandom random, byte[] original) {
        byte[] b = original.clone();
        int changes = 1 + random.nextInt(16);
        for (int i = 0; i < changes && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return random.nextInt(8) == 0 ? java.util.Arrays.copyOf(b, random.nextInt(b.length + 1)) : b;
    }
}

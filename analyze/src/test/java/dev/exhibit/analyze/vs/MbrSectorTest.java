package dev.exhibit.analyze.vs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MbrSectorTest {
    /** The MBR of the mbr image: its disk signature and primary entries as sfdisk reads them. */
    @Test
    void parse_readsWhatSfdiskReads() throws Exception {
        Sfdisk.Table sfdisk = Sfdisk.read(TestImages.get("mbr"));
        MbrSector mbr;
        try (Image image = Image.open(TestImages.get("mbr"))) {
            mbr = MbrSector.parse(image.read(0, 512)).orElseThrow();
        }
        assertThat(mbr.diskSignatureHex()).isEqualTo(sfdisk.id());
        for (Sfdisk.Part p : sfdisk.partitions()) {
            if (p.number() <= MbrSector.SLOTS) {
                MbrSector.Entry e = mbr.entries().get(p.number() - 1);
                assertThat(e.typeHex()).isEqualTo(p.typeByte());
                assertThat(e.startSector()).isEqualTo(p.start());
                assertThat(e.sectorCount()).isEqualTo(p.size());
                assertThat(e.bootable()).isEqualTo(p.bootable());
            }
        }
    }

    @Test
    void parse_refusesASectorWithoutTheBootSignature() throws Exception {
        byte[] sector;
        try (Image image = Image.open(TestImages.get("mbr"))) {
            sector = image.read(0, 512);
        }
        sector[511] = 0;
        assertThat(MbrSector.parse(sector)).isEmpty();
        assertThat(MbrSector.parse(new byte[100])).isEmpty();
    }

    /** Random bytes and damage to a real MBR: always four entries or none, never an exception. */
    @Test
    void fuzz_parseNeverFailsOnHostileBytes() throws Exception {
        byte[] mbr;
        try (Image image = Image.open(TestImages.get("mbr"))) {
            mbr = image.read(0, 512);
        }
        SplittableRandom random = new SplittableRandom(0x6d6272L);
        for (int round = 0; round < 20_000; round++) {
            byte[] b =
                    round % 4 == 0 ? GptTableTest.bytes(random, random.nextInt(600)) : GptTableTest.mutate(random, mbr);
            MbrSector.parse(b).ifPresent(t -> {
                assertThat(t.entries()).hasSize(MbrSector.SLOTS);
                t.entries().forEach(e -> assertThat(e.typeHex()).matches("0x[0-9a-f]{2}"));
            });
        }
    }
}

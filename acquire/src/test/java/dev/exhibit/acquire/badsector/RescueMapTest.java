package dev.exhibit.acquire.badsector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RescueMapTest {

    @Test
    void of_coversTheSourceWithOneNonTriedBlock() {
        RescueMap map = RescueMap.of(8192);
        assertThat(map.blocks()).containsExactly(new Block(0, 8192, BlockStatus.NON_TRIED));
        assertThat(map.position()).isEqualTo(RescueMap.Position.start());
    }

    @Test
    void mark_splitsABlockAndMergesBackWhenTheStatusesAgainMatch() {
        RescueMap map = RescueMap.of(8192);
        map.mark(0, 8192, BlockStatus.FINISHED);
        map.mark(1024, 512, BlockStatus.BAD_SECTOR);
        assertThat(map.blocks())
                .containsExactly(
                        new Block(0, 1024, BlockStatus.FINISHED),
                        new Block(1024, 512, BlockStatus.BAD_SECTOR),
                        new Block(1536, 6656, BlockStatus.FINISHED));
        map.mark(1024, 512, BlockStatus.FINISHED);
        assertThat(map.blocks()).containsExactly(new Block(0, 8192, BlockStatus.FINISHED));
    }

    @Test
    void mark_overSeveralBlocksReplacesThemAll() {
        RescueMap map = RescueMap.of(4096);
        map.mark(512, 512, BlockStatus.BAD_SECTOR);
        map.mark(2048, 512, BlockStatus.NON_SCRAPED);
        map.mark(256, 3000, BlockStatus.FINISHED);
        assertThat(map.blocks())
                .containsExactly(
                        new Block(0, 256, BlockStatus.NON_TRIED),
                        new Block(256, 3000, BlockStatus.FINISHED),
                        new Block(3256, 840, BlockStatus.NON_TRIED));
    }

    @Test
    void mark_outsideTheMap_isRejectedNamingTheRange() {
        RescueMap map = RescueMap.of(4096);
        assertThatThrownBy(() -> map.mark(4000, 200, BlockStatus.FINISHED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4000 + 200")
                .hasMessageContaining("0 to 4096");
        assertThatThrownBy(() -> map.mark(0, 0, BlockStatus.FINISHED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mark_randomRanges_agreesWithAByteByByteModel() {
        SplittableRandom random = new SplittableRandom(4242);
        int size = 3000;
        for (int round = 0; round < 200; round++) {
            RescueMap map = RescueMap.of(size);
            BlockStatus[] model = new BlockStatus[size];
            java.util.Arrays.fill(model, BlockStatus.NON_TRIED);
            for (int i = 0; i < 30; i++) {
                int from = random.nextInt(size);
                int length = 1 + random.nextInt(size - from);
                BlockStatus status = BlockStatus.values()[random.nextInt(BlockStatus.values().length)];
                map.mark(from, length, status);
                java.util.Arrays.fill(model, from, from + length, status);
                assertThat(map.blocks()).isEqualTo(runs(model));
            }
            int probe = random.nextInt(size);
            assertThat(map.statusAt(probe)).isEqualTo(model[probe]);
        }
    }

    @Test
    void failedSectors_countEverySectorABlockTouchesAndJoinNeighbouringFailures() {
        RescueMap map = RescueMap.of(16 * 512);
        map.mark(0, 16 * 512, BlockStatus.FINISHED);
        map.mark(2 * 512 + 100, 50, BlockStatus.BAD_SECTOR); // inside sector 2
        map.mark(5 * 512, 512, BlockStatus.NON_TRIMMED); // sector 5
        map.mark(6 * 512, 1024, BlockStatus.NON_SCRAPED); // sectors 6-7, next to 5
        map.mark(10 * 512 - 1, 2, BlockStatus.BAD_SECTOR); // last byte of 9, first of 10
        assertThat(map.failedSectors(512))
                .containsExactly(new SectorRun(2, 1), new SectorRun(5, 3), new SectorRun(9, 2));
        assertThat(map.sectors(4096, EnumSet.of(BlockStatus.BAD_SECTOR))).containsExactly(new SectorRun(0, 2));
        assertThat(map.bytes(BlockStatus.BAD_SECTOR)).isEqualTo(52);
    }

    private static List<Block> runs(BlockStatus[] model) {
        List<Block> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= model.length; i++) {
            if (i == model.length || model[i] != model[start]) {
                runs.add(new Block(start, i - start, model[start]));
                start = i;
            }
        }
        return runs;
    }
}

package dev.exhibit.acquire.badsector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maps written by real GNU ddrescue runs on the faulty device, read with {@link Mapfile}. */
class MapfileDdrescueTest {
    private static final long SECTORS = 8192; // 4 MiB
    private static final NavigableSet<Long> BAD = new TreeSet<>(List.of(7L, 2048L, 2049L, 2050L, 4000L, 8191L));

    @TempDir
    static Path dir;

    static FaultyDevice device;

    @BeforeAll
    static void start() throws IOException {
        device = FaultyDevice.start(DiskContent.pattern(SECTORS * 512, 11), BAD, FaultyDevice.Options.defaults());
    }

    @AfterAll
    static void stop() throws IOException {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void completeRescue_failedSectorsAreExactlyTheBadOnes() throws IOException {
        RescueMap map = Mapfile.read(ddrescue("complete"));
        assertThat(map.failedSectors(512)).isEqualTo(runs(BAD));
        assertThat(map.bytes(BlockStatus.BAD_SECTOR)).isEqualTo(BAD.size() * 512L);
        assertThat(map.position().phase()).isEqualTo(RescuePhase.FINISHED);
        assertThat(map.beginByte()).isZero();
        assertThat(map.endByte()).isEqualTo(SECTORS * 512);
    }

    @Test
    void rescueWithoutTrimOrScrape_failedBlocksCoverTheBadSectorsAsDdrescuelogListsThem() throws IOException {
        Path file = ddrescue("untrimmed", "-N", "-n");
        RescueMap map = Mapfile.read(file);
        assertThat(map.blocks(java.util.EnumSet.of(BlockStatus.NON_TRIMMED))).isNotEmpty();
        for (BlockStatus status : BlockStatus.values()) {
            List<Long> listed = Proc.run("ddrescuelog", "-b", "512", "-l" + status.symbol(), file.toString())
                    .ok()
                    .stdout()
                    .lines()
                    .map(Long::parseLong)
                    .toList();
            assertThat(MapfileTest.expand(map, status)).as("status %s", status).isEqualTo(listed);
        }
        List<Long> failed = map.failedSectors(512).stream()
                .flatMap(r -> java.util.stream.LongStream.rangeClosed(r.firstSector(), r.lastSector())
                        .boxed())
                .toList();
        assertThat(failed).containsAll(BAD);
    }

    @Test
    void rescueOfPartOfTheDevice_leavesTheRestNonTried() throws IOException {
        RescueMap map = Mapfile.read(ddrescue("part", "--size=1MiB"));
        assertThat(map.statusAt(SECTORS * 512 - 1)).isEqualTo(BlockStatus.NON_TRIED);
        assertThat(map.failedSectors(512)).containsExactly(new SectorRun(7, 1));
    }

    private static Path ddrescue(String name, String... options) {
        Path map = dir.resolve(name + ".map");
        List<String> cmd = new ArrayList<>(List.of("ddrescue", "-d", "-q"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(
                device.blockDevice().toString(), dir.resolve(name + ".img").toString(), map.toString()));
        Proc.run(null, cmd).ok();
        return map;
    }

    private static List<SectorRun> runs(NavigableSet<Long> sectors) {
        List<SectorRun> runs = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (long s : sectors) {
            if (first >= 0 && s == last + 1) {
                last = s;
                continue;
            }
            if (first >= 0) {
                runs.add(new SectorRun(first, last - first + 1));
            }
            first = s;
            last = s;
        }
        runs.add(new SectorRun(first, last - first + 1));
        return runs;
    }
}

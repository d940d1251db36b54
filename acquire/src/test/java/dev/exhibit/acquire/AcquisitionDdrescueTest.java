package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.sectorsOfType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GNU ddrescue as the oracle: the same faulty source gives the same bad sectors. */
class AcquisitionDdrescueTest {
    static final long SIZE = 16L << 20;
    static final long SECTORS = SIZE / SECTOR;

    @TempDir
    Path dir;

    @Test
    void acquire_findsTheBadSectorsDdrescueFindsWithDirectIo_andNoMoreThanBufferedDdrescue() throws IOException {
        NavigableSet<Long> bad = BadSectors.parse(
                "0,777,2048-3047," + AcquisitionBadSectorTest.alternating(20000, 20200) + ",150@random:5,"
                        + (SECTORS - 1),
                SECTORS);
        Path out = dir.resolve("out");
        List<Long> ddrescueDirect;
        List<Long> ddrescueBuffered;
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(SIZE, 31), bad, FaultyDevice.Options.defaults())) {
            Acquire.of(device.blockDevice(), out).run();
            ddrescueDirect = ddrescue(device.blockDevice(), "direct", "-d");
            ddrescueBuffered = ddrescue(device.blockDevice(), "buffered");

            List<Long> ours = sectorsOfType(out.resolve("badsectors.map"), "-");
            assertThat(ours).as("exhibit's map").containsExactlyElementsOf(bad);
            assertThat(ddrescueDirect).as("ddrescue -d's map").containsExactlyElementsOf(ours);
            // ddrescue without -d reads through the page cache of the block device, where one bad sector fails its
            // whole page or folio (docs/faulty-device.md): it reports good sectors as bad, never fewer. Those extra
            // sectors are readable: exhibit's image holds the source's bytes there.
            assertThat(ddrescueBuffered).as("ddrescue's map").containsAll(ours);
            TreeSet<Long> extra = new TreeSet<>(ddrescueBuffered);
            extra.removeAll(ours);
            assertThat(extra).as("sectors only buffered ddrescue calls bad").isNotEmpty();
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
        }
    }

    private List<Long> ddrescue(Path device, String name, String... options) {
        Path image = dir.resolve(name + ".img");
        Path map = dir.resolve(name + ".map");
        List<String> command = new ArrayList<>(List.of("ddrescue", "-q"));
        command.addAll(List.of(options));
        command.addAll(List.of(device.toString(), image.toString(), map.toString()));
        Proc.run(null, command).ok();
        return sectorsOfType(map, "-");
    }
}

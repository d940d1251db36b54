package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertBadRangesAreTheRuns;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertMapListsExactly;
import static dev.exhibit.acquire.AcquisitionOracle.assertWindowsMatchDd;
import static dev.exhibit.acquire.AcquisitionOracle.runs;
import static dev.exhibit.acquire.EwfOracle.asRaw;
import static dev.exhibit.acquire.EwfOracle.assertEwfverifyPasses;
import static dev.exhibit.acquire.EwfOracle.assertSegmentRecordsMatchFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.core.Invocation;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfLayout;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import dev.exhibit.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acquisitions into E01 checked by the tools every lab uses on E01: ewfverify accepts the set and its stored MD5 and
 * SHA-1 are the logged ones, ewfexport gives back the source byte for byte (zeros at bad sectors), error2 lists what
 * badsectors.map lists, libtsk reads it, and the log's windows and segment hashes hold.
 */
class AcquisitionEwfTest {
    static final long SIZE = 8L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EwfCompression.class)
    void acquire_toE01_atEachCompression_ewfverifyPassesAndEwfexportGivesTheSource(EwfCompression level)
            throws IOException {
        Path source = EwfOracle.mixedSource(dir.resolve("source.img"), SIZE, 1);
        Path out = dir.resolve("out");

        Acquisition.Result r = Acquire.of(source, out)
                .window(1 << 20)
                .e01(new EwfOptions(level, EwfLayout.DEFAULT_SEGMENT_BYTES, 64))
                .run();

        assertThat(r.files()).containsExactly(out.resolve("image.E01"));
        assertEwfverifyPasses(out);
        Path raw = asRaw(out, dir.resolve("raw"));
        assertThat(Files.mismatch(raw.resolve("image.raw"), source)).isEqualTo(-1);
        assertLoggedHashesMatchImage(raw);
        assertWindowsMatchDd(raw);
        assertSegmentRecordsMatchFiles(out);
        assertNoScratchLeft(out);
        long e01 = Files.size(out.resolve("image.E01"));
        if (level == EwfCompression.NONE) {
            assertThat(e01).as("an uncompressed E01 holds every byte").isGreaterThan(SIZE);
        } else if (level == EwfCompression.EMPTY_BLOCK) {
            assertThat(e01).as("only the quarter of zeros shrinks").isBetween(SIZE * 3 / 4, SIZE * 4 / 5);
        } else {
            // a quarter of the source is random: it stays as it is, the rest shrinks
            assertThat(e01).as("a compressed E01").isLessThan(SIZE * 3 / 4);
        }
    }

    @Test
    void acquire_toE01_withSmallSegments_writesASetEveryToolReadsWhole() throws IOException {
        // random bytes: incompressible, so the chunks fill segment after segment
        byte[] random = new byte[(int) SIZE];
        new Random(5).nextBytes(random);
        Path source = Files.write(dir.resolve("random.img"), random);
        Path out = dir.resolve("out");

        Acquire.of(source, out)
                .window(1 << 20)
                .e01(new EwfOptions(EwfCompression.FAST, EwfLayout.MIN_SEGMENT_BYTES, 64))
                .run();

        List<Path> files = assertSegmentRecordsMatchFiles(out);
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path f : files) {
            assertThat(Files.size(f)).as("%s", f).isLessThanOrEqualTo(EwfLayout.MIN_SEGMENT_BYTES);
        }
        assertEwfverifyPasses(out);
        Path raw = asRaw(out, dir.resolve("raw"));
        assertThat(Files.mismatch(raw.resolve("image.raw"), source)).isEqualTo(-1);
        assertWindowsMatchDd(raw);
    }

    @Test
    void acquire_sameSourceAndOptionsTwice_writesTheSameBytes() throws IOException {
        Path source = EwfOracle.mixedSource(dir.resolve("source.img"), SIZE, 2);
        Invocation fixed = Invocation.of("exhibit", List.of("acquire"));
        fixed = new Invocation(
                fixed.tool(),
                fixed.version(),
                fixed.commit(),
                fixed.dirty(),
                fixed.commandLine(),
                fixed.host(),
                fixed.os(),
                fixed.user(),
                fixed.java(),
                fixed.hostTimeZone(),
                fixed.pid(),
                Instant.parse("2026-12-01T10:00:00Z"));
        Path[] outs = {dir.resolve("a"), dir.resolve("b")};
        for (Path out : outs) {
            Acquire.of(source, out)
                    .e01(new EwfOptions(EwfCompression.BEST, EwfLayout.MIN_SEGMENT_BYTES * 2, 64))
                    .invocation(fixed)
                    .run();
        }
        List<Path> first = assertSegmentRecordsMatchFiles(outs[0]);
        List<Path> second = assertSegmentRecordsMatchFiles(outs[1]);
        assertThat(second).hasSameSizeAs(first).hasSizeGreaterThan(1);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.mismatch(first.get(i), second.get(i)))
                    .as("%s against %s", first.get(i), second.get(i))
                    .isEqualTo(-1);
        }
    }

    @Test
    void acquire_ofAFileSystemImage_libtskReadsTheE01AsItReadsTheRawImage() throws IOException {
        Path source = TestImages.get("fat16");
        Path out = dir.resolve("out");

        Acquire.of(source, out).e01(EwfOptions.DEFAULTS).run();

        String e01 = out.resolve("image.E01").toString();
        String stat = Proc.run("img_stat", e01).ok().stdout();
        assertThat(stat).contains("Image Type:\t\tewf").contains("Size of data in bytes:\t" + Files.size(source));
        assertThat(Proc.run("fls", "-r", "-p", e01).ok().stdout())
                .isNotBlank()
                .isEqualTo(Proc.run("fls", "-r", "-p", source.toString()).ok().stdout());
    }

    @Test
    void acquire_ofAFaultyDeviceToE01_listsInError2ExactlyWhatTheMapLists() throws IOException {
        long sectors = SIZE / SECTOR;
        // scattered sectors, a run across a window boundary that makes the rescue skip ahead and come back, and the
        // last sector: the bytes after the skipped area wait in the spool until the area is resolved
        NavigableSet<Long> bad = BadSectors.parse("0,4321,3600-4599,200@random:7," + (sectors - 1), sectors);
        Path out = dir.resolve("out");
        Path backing = EwfOracle.mixedSource(dir.resolve("backing.img"), SIZE, 3);
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.file(backing), bad, FaultyDevice.Options.defaults())) {
            Acquisition.Result result = Acquire.of(device.blockDevice(), out)
                    .window(1 << 20)
                    .noWriteBlockCheck()
                    .e01(EwfOptions.DEFAULTS)
                    .run();

            assertThat(result.badSectors()).isEqualTo(bad.size());
            Path raw = asRaw(out, dir.resolve("raw"));
            assertImageIsSourceWithFill(raw.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
        }
        assertEwfverifyPasses(out);
        assertMapListsExactly(out, bad);
        assertThat(EwfOracle.error2(out)).containsExactlyElementsOf(runs(bad));
        assertBadRangesAreTheRuns(AcquisitionOracle.log(out), bad, 0);
        Path raw = dir.resolve("raw");
        assertLoggedHashesMatchImage(raw);
        assertWindowsMatchDd(raw);
        assertNoScratchLeft(out);
    }

    @ParameterizedTest(name = "interrupted after {0} MiB")
    @ValueSource(longs = {3, 7, 13})
    void acquire_ofAFaultyDeviceToE01_interruptedAndResumed_keepsEveryFillInError2(long stopAtMiB) throws IOException {
        long size = 16L << 20;
        long sectors = size / SECTOR;
        NavigableSet<Long> bad = BadSectors.parse("40@random:" + stopAtMiB + ",20000-20400," + (sectors - 1), sectors);
        Path out = dir.resolve("out");
        Path backing = EwfOracle.mixedSource(dir.resolve("backing.img"), size, 5);
        // small segments and windows larger than them: the E01 keeps chunk groups past the last logged window, whose
        // fills only the journal knows when a bad range has not been logged yet
        EwfOptions options = new EwfOptions(EwfCompression.NONE, EwfLayout.MIN_SEGMENT_BYTES, 64);
        try (FaultyDevice device = FaultyDevice.start(
                DiskContent.file(backing),
                bad,
                FaultyDevice.Options.defaults().withBadReadDelay(Duration.ofMillis(3)))) {
            Cancellation cancel = new Cancellation();
            Progress stopper = p -> {
                if (p.doneBytes() >= stopAtMiB << 20) {
                    cancel.cancel("a test");
                }
            };
            assertThatThrownBy(() -> Acquire.of(device.blockDevice(), out)
                            .window(4L << 20)
                            .noWriteBlockCheck()
                            .e01(options)
                            .progress(stopper)
                            .cancel(cancel)
                            .run())
                    .hasMessageContaining("interrupted (a test)");
            Acquisition.resume(
                    new Resumption.Request(out, null, null, null, Invocation.of("exhibit", List.of("acquire"))),
                    Progress.NONE,
                    new Cancellation());
            Path raw = asRaw(out, dir.resolve("raw"));
            assertImageIsSourceWithFill(raw.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
        }
        JsonNode resume = AcquisitionOracle.log(out).last("resume").orElseThrow();
        if (resume.has("reacquireFromByte")) {
            // what the log said past the kept chunks is superseded, from exactly where the E01 ends
            assertThat(resume.path("reacquireFromByte").asLong())
                    .isEqualTo(resume.path("e01").path("keptBytes").asLong());
        }
        assertThat(AcquisitionOracle.log(out)
                        .last("resume")
                        .orElseThrow()
                        .path("e01")
                        .path("keptBytes")
                        .asLong())
                .as("the E01 kept the segments finished before the interruption")
                .isPositive();
        assertEwfverifyPasses(out);
        assertMapListsExactly(out, bad);
        assertThat(EwfOracle.error2(out)).containsExactlyElementsOf(runs(bad));
        assertBadRangesAreTheRuns(AcquisitionOracle.log(out), bad, 0);
        assertLoggedHashesMatchImage(dir.resolve("raw"));
        assertWindowsMatchDd(dir.resolve("raw"));
        assertNoScratchLeft(out);
    }

    static void assertNoScratchLeft(Path out) throws IOException {
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("files left in %s", out)
                    .allMatch(n -> !n.startsWith("."));
        }
    }
}

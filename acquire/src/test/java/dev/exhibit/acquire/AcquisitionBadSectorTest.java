package dev.exhibit.acquire;

import static dev.exhibit.acquire.AcquisitionOracle.SECTOR;
import static dev.exhibit.acquire.AcquisitionOracle.assertBadRangesAreTheRuns;
import static dev.exhibit.acquire.AcquisitionOracle.assertImageIsSourceWithFill;
import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.assertMapListsExactly;
import static dev.exhibit.acquire.AcquisitionOracle.assertVerifies;
import static dev.exhibit.acquire.AcquisitionOracle.assertWindowsMatchDd;
import static dev.exhibit.acquire.AcquisitionOracle.filledSector;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.verify.Verifier;
import dev.exhibit.acquire.verify.VerifyReport;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acquisitions of a faulty block device ({@link FaultyDevice}: unreadable sectors through the real kernel read path):
 * every readable sector recovered, exactly the bad ones filled, an exact map and log, hashes that match the image.
 */
class AcquisitionBadSectorTest {
    /** 8 MiB: two read blocks of 4 MiB, eight 1 MiB windows. */
    static final long SIZE = 8L << 20;

    static final long SECTORS = SIZE / SECTOR;

    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("the first sector", "0"),
                Arguments.of("the last sector", String.valueOf(SECTORS - 1)),
                Arguments.of("one sector", "4321"),
                Arguments.of("a run of 1000 across a window boundary", "3600-4599"),
                Arguments.of("alternating good and bad across a read-block boundary", alternating(7000, 9999)),
                Arguments.of("200 scattered at random", "200@random:7"),
                Arguments.of(
                        "all of them at once",
                        "0,4321,3600-4599," + alternating(7000, 9999) + ",200@random:7," + (SECTORS - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void acquire_recoversEveryReadableSectorAndFillsExactlyTheBadOnes(String name, String spec) throws IOException {
        NavigableSet<Long> bad = BadSectors.parse(spec, SECTORS);
        Path out = dir.resolve("out");
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(SIZE, 11), bad, FaultyDevice.Options.defaults())) {
            Acquisition.Result result =
                    Acquire.of(device.blockDevice(), out).window(1 << 20).run();

            assertThat(result.badSectors()).isEqualTo(bad.size());
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad, new byte[SECTOR]);
            assertThat(device.serverFailures()).isEmpty();
        }
        assertMapListsExactly(out, bad);
        AcquisitionLog log = log(out);
        assertBadRangesAreTheRuns(log, bad, 0);
        assertThat(log.last("end").orElseThrow().path("badSectorCount").asLong())
                .isEqualTo(bad.size());
        assertLoggedHashesMatchImage(out);
        assertWindowsMatchDd(out);
        assertVerifies(out);
    }

    @Test
    void acquire_of4KnDevice_countsMapsAndFillsWhole4096ByteSectors() throws IOException {
        int logical = 4096;
        int perLogical = logical / SECTOR;
        // 512-byte sectors the faulty disk fails: on a 4Kn device each takes its whole logical sector with it
        NavigableSet<Long> failing = BadSectors.parse("3,3600-4599,5321," + (SECTORS - 1), SECTORS);
        NavigableSet<Long> badLogical = new TreeSet<>();
        failing.forEach(s -> badLogical.add(s / perLogical));
        NavigableSet<Long> bad512 = new TreeSet<>();
        badLogical.forEach(
                l -> LongStream.range(l * perLogical, (l + 1) * perLogical).forEach(bad512::add));
        Path out = dir.resolve("out");
        try (FaultyDevice device = FaultyDevice.start(
                DiskContent.pattern(SIZE, 14),
                failing,
                FaultyDevice.Options.defaults().withLogicalSectorBytes(logical))) {
            Acquisition.Result result =
                    Acquire.of(device.blockDevice(), out).window(1 << 20).run();

            assertThat(result.badSectors()).as("bad 4096-byte sectors").isEqualTo(badLogical.size());
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad512, new byte[SECTOR]);
        }
        assertMapListsExactly(out, bad512);
        AcquisitionLog log = log(out);
        assertThat(log.last("source").orElseThrow().path("logicalSectorBytes").asInt())
                .isEqualTo(logical);
        assertBadRangesAreTheRuns(log, badLogical, 0);
        assertThat(log.all("bad-range"))
                .allSatisfy(r -> assertThat(r.path("sectorBytes").asInt()).isEqualTo(logical));
        assertThat(log.last("end").orElseThrow().path("badSectorCount").asLong())
                .isEqualTo(badLogical.size());
        assertLoggedHashesMatchImage(out);
        assertWindowsMatchDd(out);
        assertVerifies(out);
    }

    @Test
    void acquire_fillsBadSectorsWithATextMarker() throws IOException {
        assertFilledWith("text:BAD SECTOR", "BAD SECTOR".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void acquire_fillsBadSectorsWithAHexPattern() throws IOException {
        assertFilledWith("hex:deadbeef", HexFormat.of().parseHex("deadbeef"));
    }

    private void assertFilledWith(String fill, byte[] pattern) throws IOException {
        NavigableSet<Long> bad = BadSectors.parse("0,100-103,2048-2303,5000,5002,5004,16383", SECTORS);
        Path out = dir.resolve("out");
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(SIZE, 12), bad, FaultyDevice.Options.defaults())) {
            Acquire.of(device.blockDevice(), out).fill(FillPattern.parse(fill)).run();
            assertImageIsSourceWithFill(out.resolve("image.raw"), device.content(), bad, filledSector(pattern));
        }
        AcquisitionLog log = log(out);
        assertThat(log.all("bad-range"))
                .allSatisfy(r -> assertThat(r.path("fill").asText()).isEqualTo(fill));
        assertThat(log.last("end").orElseThrow().path("fill").asText()).isEqualTo(fill);
        assertMapListsExactly(out, bad);
        assertLoggedHashesMatchImage(out);
        assertVerifies(out);
    }

    @Test
    void verifySource_rereadsTheFaultyDeviceToTheSameHashes() throws IOException {
        NavigableSet<Long> bad = BadSectors.parse("0,3600-4599," + alternating(7000, 7100) + ",50@random:3", SECTORS);
        Path out = dir.resolve("out");
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(SIZE, 13), bad, FaultyDevice.Options.defaults())) {
            Acquire.of(device.blockDevice(), out).window(1 << 20).run();
            VerifyReport r = Verifier.source(
                    out,
                    device.blockDevice(),
                    Invocation.of("exhibit", List.of("verify", "--source", out.toString())),
                    Progress.NONE,
                    new Cancellation());
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.hashes().get(HashAlgorithm.SHA256))
                    .isEqualTo(assertLoggedHashesMatchImage(out).get("sha256"));
        }
    }

    static String alternating(long first, long last) {
        StringBuilder b = new StringBuilder();
        for (long s = first; s <= last; s += 2) {
            b.append(b.isEmpty() ? "" : ",").append(s);
        }
        return b.toString();
    }
}

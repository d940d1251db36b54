package dev.exhibit.acquire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.verify.Verifier;
import dev.exhibit.acquire.verify.VerifyReport;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * What an acquisition directory must hold, checked against what the test knows of the source (its content and its bad
 * sectors) and against outside tools: {@code md5sum}, {@code sha1sum}, {@code sha256sum}, {@code dd} and
 * {@code ddrescuelog}. Nothing expected is hard-coded; everything is computed from the source or the image.
 */
public final class AcquisitionOracle {
    public static final int SECTOR = 512;
    private static final int CHUNK = 1 << 20;

    private AcquisitionOracle() {}

    /** The 512 bytes a bad sector must hold: the pattern repeated from the sector's first byte. */
    public static byte[] filledSector(byte[] pattern) {
        byte[] sector = new byte[SECTOR];
        for (int i = 0; i < SECTOR; i++) {
            sector[i] = pattern[i % pattern.length];
        }
        return sector;
    }

    /** Every sector of {@code image}: the source's bytes where readable, {@code fill} where in {@code bad}. */
    public static void assertImageIsSourceWithFill(Path image, DiskContent content, NavigableSet<Long> bad, byte[] fill)
            throws IOException {
        assertThat(Files.size(image)).as("size of %s", image).isEqualTo(content.sizeBytes());
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            for (long at = 0; at < content.sizeBytes(); at += CHUNK) {
                int len = (int) Math.min(CHUNK, content.sizeBytes() - at);
                buf.clear().limit(len);
                while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {}
                byte[] actual = Arrays.copyOf(buf.array(), len);
                byte[] expected = content.bytes(at, len);
                for (long s : bad.subSet(at / SECTOR, true, (at + len - 1) / SECTOR, true)) {
                    System.arraycopy(fill, 0, expected, (int) (s * SECTOR - at), SECTOR);
                }
                if (!Arrays.equals(actual, expected)) {
                    int i = Arrays.mismatch(actual, expected);
                    long sector = (at + i) / SECTOR;
                    throw new AssertionError("image byte " + (at + i) + " (sector " + sector + ", "
                            + (bad.contains(sector) ? "bad: must hold the fill" : "readable: must hold the source")
                            + ") differs");
                }
            }
        }
    }

    /** {@code ddrescuelog} lists exactly {@code bad} as bad sectors in the map, and nothing left to try. */
    public static void assertMapListsExactly(Path outDir, NavigableSet<Long> bad) {
        Path map = outDir.resolve("badsectors.map");
        assertThat(sectorsOfType(map, "-")).as("bad sectors in %s", map).containsExactlyElementsOf(bad);
        assertThat(sectorsOfType(map, "?*/"))
                .as("sectors left to try in %s", map)
                .isEmpty();
    }

    /** The sectors {@code ddrescuelog} lists in a mapfile for the given block types. */
    public static List<Long> sectorsOfType(Path mapfile, String types) {
        String listed = Proc.run("ddrescuelog", "-l" + types, "-b512", mapfile.toString())
                .ok()
                .stdout();
        return listed.lines().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    /** One {@code bad-range} record per maximal run of {@code bad}, in order, with its error and retries. */
    public static void assertBadRangesAreTheRuns(AcquisitionLog log, NavigableSet<Long> bad, int retries) {
        List<long[]> logged = new ArrayList<>();
        for (JsonNode r : log.all("bad-range")) {
            logged.add(new long[] {
                r.path("firstSector").asLong(), r.path("sectorCount").asLong()
            });
            assertThat(r.path("error").asText()).as("error of %s", r).startsWith("EIO");
            assertThat(r.path("retries").asInt()).as("retries of %s", r).isEqualTo(retries);
            assertThat(r.path("lastSector").asLong())
                    .isEqualTo(r.path("firstSector").asLong()
                            + r.path("sectorCount").asLong()
                            - 1);
        }
        assertThat(logged).usingElementComparator(Arrays::compare).containsExactlyElementsOf(runs(bad));
    }

    /** Maximal runs of consecutive sectors, as {first, count}. */
    public static List<long[]> runs(NavigableSet<Long> sectors) {
        List<long[]> runs = new ArrayList<>();
        for (long s : sectors) {
            if (!runs.isEmpty() && runs.getLast()[0] + runs.getLast()[1] == s) {
                runs.getLast()[1]++;
            } else {
                runs.add(new long[] {s, 1});
            }
        }
        return runs;
    }

    /**
     * The {@code end} record's hashes are those {@code md5sum}, {@code sha1sum} and {@code sha256sum} compute over the
     * image files; returns them by algorithm id.
     */
    public static Map<String, String> assertLoggedHashesMatchImage(Path outDir) throws IOException {
        JsonNode end = log(outDir).last("end").orElseThrow(() -> new AssertionError("no end record in " + outDir));
        JsonNode hashes = end.path("hashes");
        assertThat(hashes.size()).as("hashes in %s", end).isPositive();
        Map<String, String> tools = Map.of("md5", "md5sum", "sha1", "sha1sum", "sha256", "sha256sum");
        for (String alg : tools.keySet()) {
            if (hashes.has(alg)) {
                assertThat(hashes.get(alg).asText())
                        .as("%s of the image", alg)
                        .isEqualTo(imageDigest(outDir, tools.get(alg)));
            }
        }
        assertThat(end.path("bytesAcquired").asLong()).isEqualTo(imageBytes(outDir));
        return Map.of("sha256", hashes.path("sha256").asText());
    }

    /** The digest a tool such as {@code sha256sum} prints for the image files, concatenated in order. */
    public static String imageDigest(Path outDir, String tool) {
        return Proc.firstField(Proc.run("bash", "-c", "cat " + imageFilesGlob(outDir) + " | " + tool)
                .ok());
    }

    /** Every {@code window} record's SHA-256 equals {@code dd ... | sha256sum} over those bytes of the image. */
    public static void assertWindowsMatchDd(Path outDir) throws IOException {
        List<JsonNode> windows = log(outDir).all("window");
        long windowBytes = windows.getFirst().path("lengthBytes").asLong();
        long total = 0;
        for (int i = 0; i < windows.size(); i++) {
            JsonNode w = windows.get(i);
            assertThat(w.path("index").asLong()).isEqualTo(i);
            assertThat(w.path("byteOffset").asLong()).isEqualTo(i * windowBytes);
            String dd = "cat " + imageFilesGlob(outDir) + " | dd status=none iflag=fullblock bs=" + windowBytes
                    + " skip=" + i + " count=1 | sha256sum";
            assertThat(w.path("sha256").asText())
                    .as("window %d", i)
                    .isEqualTo(Proc.firstField(Proc.run("bash", "-c", dd).ok()));
            total += w.path("lengthBytes").asLong();
        }
        assertThat(total).as("bytes the windows cover").isEqualTo(imageBytes(outDir));
    }

    /** {@code exhibit verify} finds the image and its log consistent. */
    public static VerifyReport assertVerifies(Path outDir) throws IOException {
        VerifyReport r = Verifier.image(
                outDir,
                Invocation.of("exhibit", List.of("verify", outDir.toString())),
                Progress.NONE,
                new Cancellation());
        assertThat(r.ok()).as("verify %s: %s", outDir, r).isTrue();
        return r;
    }

    public static AcquisitionLog log(Path outDir) throws IOException {
        AcquisitionLog log = AcquisitionLog.read(outDir.resolve(AcquisitionLog.FILE_NAME));
        assertThat(log.chain().problems()).as("chain of %s", log.file()).isEmpty();
        return log;
    }

    /** The records' types in order, e.g. to check what a resume left. */
    public static List<String> types(AcquisitionLog log) {
        return log.entries().stream().map(e -> e.record().path("type").asText()).toList();
    }

    private static long imageBytes(Path outDir) throws IOException {
        long total = 0;
        try (var files = Files.list(outDir)) {
            for (Path f : files.filter(AcquisitionOracle::isImageFile).toList()) {
                total += Files.size(f);
            }
        }
        return total;
    }

    private static boolean isImageFile(Path f) {
        return f.getFileName().toString().matches("image\\.(raw|\\d{3,})");
    }

    private static String imageFilesGlob(Path outDir) {
        String dir = "'" + outDir.toString().replace("'", "'\\''") + "'";
        return Files.exists(outDir.resolve("image.raw")) ? dir + "/image.raw" : dir + "/image.[0-9]*";
    }
}

package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of small valid sets (Exhibit's, FTK-style, ewfacquire's): the reader and the verifier finish
 * quickly and fail only with an IOException whose message names the file; never a hang, never another exception.
 *
 * <p>Every parser of the set's bytes is on that path, so every one is fuzzed here: {@link FileHeader},
 * {@link SectionDescriptor}, {@link Headers}, {@link HeaderFields} and {@link HeaderTexts} (header and header2),
 * {@link VolumeSection}, {@link Tables} and {@link TableReader}, {@link Error2Reader}, {@link HashSections}, and the
 * chunks through {@link ChunkDecoder} and {@link LibdeflateInflater}; {@link EwfReader} and {@link EwfCheck} are the
 * entry points, and resume through {@link EwfWriter} reads the same structures.
 */
class EwfFuzzTest {
    private static final long SEED = 0x45_30_31L;
    private static final int CASES = 400;
    private static final Duration PER_CASE = Duration.ofSeconds(20);

    @TempDir
    static Path seeds;

    private static final List<List<Path>> SETS = new ArrayList<>();
    private static final int RESUME_CASES = 80;
    private static byte[] resumeMedia;
    private static EwfLayout resumeLayout;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeSeeds() throws IOException {
        byte[] media = Media.mixed(41, 12, 3);
        SETS.add(Media.write(
                seeds.resolve("fast"),
                media,
                Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST),
                List.of(new SectorRange(7, 3)),
                5));
        resumeMedia = media;
        resumeLayout = Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.FAST);
        byte[] big = Media.mixed(42, 40, 0);
        SETS.add(Media.write(
                seeds.resolve("none"),
                big,
                Media.layout(big.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.NONE),
                List.of(),
                SegmentBudget.MAX_TABLE_ENTRIES));
        List<Path> ftk = Media.write(
                seeds.resolve("ftk"),
                media,
                Media.layout(media.length, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfCompression.BEST),
                List.of(),
                SegmentBudget.MAX_TABLE_ENTRIES);
        FtkStyle.convert(ftk.getFirst());
        SETS.add(ftk);
        SETS.add(List.of(Ewfacquire.make(seeds.resolve("acq"), media, "fast", null)));
        assertThat(SETS.get(1)).hasSize(2);
    }

    @Test
    void readerAndCheck_onMutatedSets_failOnlyWithClearIoErrors() throws IOException {
        Random rnd = new Random(SEED);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            List<Path> set = SETS.get(rnd.nextInt(SETS.size()));
            Path dir = tmp.resolve("case-" + i);
            Path first = Damage.copy(set, dir);
            List<Path> files = new ArrayList<>();
            for (Path p : set) {
                files.add(dir.resolve(p.getFileName()));
            }
            String what = Mutator.mutate(files, rnd);
            rejected += assertTimeoutPreemptively(PER_CASE, () -> exercise(first, what));
            deleteTree(dir);
        }
        // The mutations must reach past the checks at the door, or the test proves little.
        assertThat(rejected).isBetween(CASES / 10, CASES - CASES / 10);
    }

    @Test
    void resume_onMutatedSets_refusesClearlyOrEndsWithASetThatVerifies() throws IOException {
        Random rnd = new Random(SEED + 1);
        int finished = 0;
        for (int i = 0; i < RESUME_CASES; i++) {
            Path dir = tmp.resolve("resume-" + i);
            Damage.copy(SETS.getFirst(), dir);
            String what = Mutator.mutate(List.of(dir.resolve("image.E01")), rnd);
            finished += assertTimeoutPreemptively(PER_CASE, () -> resumeAndFinish(dir, what));
            deleteTree(dir);
        }
        assertThat(finished).as("cases that resumed and finished").isPositive();
    }

    /** Returns 1 when the set was resumed and finished. */
    private static int resumeAndFinish(Path dir, String what) {
        try (EwfWriter w = EwfWriter.resume(dir, "image", resumeLayout, Media.header())) {
            w.limitGroupEntries(5);
            long kept = Math.min(w.chunksWritten() * resumeLayout.chunkBytes(), resumeMedia.length);
            ByteBuffer back = ByteBuffer.allocate((int) kept);
            w.read(0, back);
            if (!Arrays.equals(back.array(), 0, (int) kept, resumeMedia, 0, (int) kept)) {
                return 0; // changed media that decodes: for the caller's re-hash to catch
            }
            Media.writeRest(w, resumeLayout, resumeMedia, List.of(new SectorRange(7, 3)));
        } catch (IOException e) {
            assertClear(e, what);
            return 0;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("resume threw " + e + " after " + what, e);
        }
        try {
            EwfCheckReport r = EwfCheck.check(dir.resolve("image.E01"), List.of(), null);
            assertThat(r.findings()).as("after " + what).isEmpty();
        } catch (IOException e) {
            throw new AssertionError("check after resuming from " + what, e);
        }
        return 1;
    }

    /** Returns 1 when the reader refused the set. */
    private static int exercise(Path first, String what) {
        int refused = 0;
        try (EwfReader r = EwfReader.open(first)) {
            ByteBuffer buf = ByteBuffer.allocate(48 * 1024);
            for (long off = 0; off < r.sizeBytes(); off += buf.capacity()) {
                buf.clear();
                try {
                    r.read(off, buf);
                } catch (IOException e) {
                    assertClear(e, what);
                }
            }
        } catch (IOException e) {
            assertClear(e, what);
            refused = 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reader threw " + e + " after " + what, e);
        }
        try {
            EwfCheckReport report = EwfCheck.check(first, List.of(HashAlgorithm.SHA256), null);
            for (EwfFinding f : report.findings()) {
                assertThat(f.message()).as(what).isNotBlank();
            }
        } catch (IOException e) {
            assertClear(e, what);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("check threw " + e + " after " + what, e);
        }
        return refused;
    }

    private static void assertClear(IOException e, String what) {
        assertThat(e.getMessage())
                .as("message of " + e.getClass().getSimpleName() + " after " + what)
                .isNotBlank()
                .containsPattern("(image|acq|x)\\.[Ee]\\d\\d")
                .doesNotContain("Exception");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p :
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EwfWriterResumeTest {
    private static final int GROUP_LIMIT = 5;
    private static final List<SectorRange> BAD = List.of(new SectorRange(640, 64));

    @TempDir
    Path tmp;

    private final byte[] media = Media.mixed(11, 90, 9);
    private final EwfLayout layout = Media.layout(media.length, EwfLayout.MIN_SEGMENT_BYTES, EwfCompression.FAST);

    @Test
    void resume_afterTheSetWasCutAnywhere_givesTheBytesOfAnUninterruptedRun() throws IOException {
        List<Path> reference = Media.write(tmp.resolve("ref"), media, layout, BAD, GROUP_LIMIT);
        assertThat(reference).hasSizeGreaterThan(1);
        long total = 0;
        for (Path p : reference) {
            total += Files.size(p);
        }
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L, 5L, 13L, 300L, 2000L, total - 1, total));
        for (Path p : reference.subList(0, reference.size() - 1)) {
            long before = offsetOf(reference, p);
            cuts.add(before + Files.size(p) - 1); // inside the next section
            cuts.add(before + Files.size(p)); // the segment complete, the next one absent
            cuts.add(before + Files.size(p) + 100); // the next segment's data section cut
        }
        Random r = new Random(42);
        for (int i = 0; i < 12; i++) {
            cuts.add(r.nextLong(total));
        }

        for (long cut : cuts) {
            Path dir = tmp.resolve("cut-" + cut);
            copyCut(reference, dir, cut);

            try (EwfWriter w = EwfWriter.resume(dir, "image", layout, Media.header())) {
                w.limitGroupEntries(GROUP_LIMIT);
                if (cut >= total) {
                    assertThat(w.chunksWritten())
                            .as("a finished set keeps every chunk")
                            .isEqualTo(layout.chunkCount());
                }
                long kept = Math.min(w.chunksWritten() * layout.chunkBytes(), media.length);
                if (kept > 0) {
                    ByteBuffer back = ByteBuffer.allocate((int) kept);
                    w.read(0, back);
                    assertThat(back.array())
                            .as("read-back after a cut at " + cut)
                            .isEqualTo(Arrays.copyOf(media, (int) kept));
                }
                Media.writeRest(w, layout, media, BAD);
            }

            assertSameFiles(reference, dir, "cut at byte " + cut + " of " + total);
        }
    }

    @Test
    void resume_afterCloseWithoutFinish_givesTheBytesOfAnUninterruptedRun() throws IOException {
        List<Path> reference = Media.write(tmp.resolve("ref"), media, layout, BAD, GROUP_LIMIT);
        for (long stop : new long[] {0, 1, 4, 5, 6, 33, 60, 91}) {
            Path dir = Files.createDirectories(tmp.resolve("stop-" + stop));
            try (EwfWriter w = EwfWriter.create(dir, "image", layout, Media.header())) {
                w.limitGroupEntries(GROUP_LIMIT);
                Media.appendChunks(w, layout, media, 0, stop);
            }
            try (EwfWriter w = EwfWriter.resume(dir, "image", layout, Media.header())) {
                w.limitGroupEntries(GROUP_LIMIT);
                assertThat(w.chunksWritten())
                        .isLessThanOrEqualTo(stop)
                        .isGreaterThanOrEqualTo(stop / GROUP_LIMIT * GROUP_LIMIT - GROUP_LIMIT);
                Media.writeRest(w, layout, media, BAD);
            }
            assertSameFiles(reference, dir, "closed after " + stop + " chunks");
        }
    }

    @Test
    void resume_withAnotherCase_refusesAndLeavesTheFiles() throws IOException {
        List<Path> reference = Media.write(tmp.resolve("ref"), media, layout, BAD, GROUP_LIMIT);
        Path dir = tmp.resolve("other");
        copyCut(reference, dir, Long.MAX_VALUE);
        EwfHeader other = new EwfHeader(
                "CASE-43",
                "EV-7",
                "Jo Examiner",
                "d",
                "n",
                "m",
                "s",
                Media.header().acquired(),
                Media.header().system(),
                "Linux",
                "exhibit");

        assertThatThrownBy(() -> EwfWriter.resume(dir, "image", layout, other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("image.E01: its first")
                .hasMessageContaining("not resuming into it");
        assertSameFiles(reference, dir, "refused resume");
    }

    @Test
    void resume_withNothingThere_startsAFreshSet() throws IOException {
        List<Path> reference = Media.write(tmp.resolve("ref"), media, layout, BAD, GROUP_LIMIT);
        Path dir = Files.createDirectories(tmp.resolve("fresh"));
        try (EwfWriter w = EwfWriter.resume(dir, "image", layout, Media.header())) {
            w.limitGroupEntries(GROUP_LIMIT);
            assertThat(w.chunksWritten()).isZero();
            Media.writeRest(w, layout, media, BAD);
        }
        assertSameFiles(reference, dir, "fresh");
    }

    @Test
    void append_onAFullDisk_namesTheFileAndOffset_andTheSetResumesElsewhere() throws IOException {
        List<Path> reference = Media.write(tmp.resolve("ref"), media, layout, BAD, GROUP_LIMIT);
        Path small = Files.createDirectories(tmp.resolve("small"));
        long setBytes = 0;
        for (Path p : reference) {
            setBytes += Files.size(p);
        }
        // room for about two thirds of the set, so that the disk fills part way through, whatever the codec gives
        Proc.run("mount", "-t", "tmpfs", "-o", "size=" + setBytes * 2 / 3 / 1024 + "k", "tmpfs", small.toString())
                .ok();
        try {
            EwfWriter w = EwfWriter.create(small, "image", layout, Media.header());
            w.limitGroupEntries(GROUP_LIMIT);
            IOException full = null;
            try {
                Media.writeRest(w, layout, media, BAD);
            } catch (IOException e) {
                full = e;
            }
            assertThat(full).isNotNull();
            assertThat(full.getMessage())
                    .matches(
                            "image\\.E0\\d: cannot write \\d+ bytes at byte offset \\d+: " + "No space left on device");
            try {
                w.close();
            } catch (IOException e) {
                assertThat(e.getMessage()).contains("No space left on device");
            }
            Path moved = Files.createDirectories(tmp.resolve("moved"));
            try (var files = Files.list(small)) {
                for (Path p : files.toList()) {
                    Files.copy(p, moved.resolve(p.getFileName()));
                }
            }
            try (EwfWriter r = EwfWriter.resume(moved, "image", layout, Media.header())) {
                r.limitGroupEntries(GROUP_LIMIT);
                assertThat(r.chunksWritten()).isPositive();
                Media.writeRest(r, layout, media, BAD);
            }
            assertSameFiles(reference, moved, "resumed after a full disk");
        } finally {
            Proc.run("umount", small.toString()).ok();
        }
    }

    private static long offsetOf(List<Path> files, Path file) throws IOException {
        long off = 0;
        for (Path p : files) {
            if (p.equals(file)) {
                return off;
            }
            off += Files.size(p);
        }
        throw new AssertionError(file);
    }

    /** Copies the set as if the writer had been killed after writing {@code cut} bytes in all. */
    private static void copyCut(List<Path> reference, Path dir, long cut) throws IOException {
        Files.createDirectories(dir);
        long left = cut;
        for (Path p : reference) {
            if (left <= 0 && cut != 0) {
                break;
            }
            Path copy = dir.resolve(p.getFileName());
            Files.copy(p, copy);
            long size = Files.size(p);
            if (left < size) {
                try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
                    f.setLength(left);
                }
            }
            left -= size;
            if (left <= 0) {
                break;
            }
        }
    }

    private static void assertSameFiles(List<Path> reference, Path dir, String what) throws IOException {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names)
                .as(what)
                .containsExactlyInAnyOrderElementsOf(
                        reference.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : reference) {
            byte[] want = Files.readAllBytes(p);
            byte[] have = Files.readAllBytes(dir.resolve(p.getFileName()));
            assertThat(Arrays.mismatch(want, have))
                    .as(what + ": first differing byte of " + p.getFileName())
                    .isEqualTo(-1);
        }
    }
}

package dev.exhibit.analyze.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams read by their run list straight from the image: the bytes {@code icat} writes, and the same pieces (stream
 * offset, block, raw or sparse) as libtsk's own walk of the stream reports, for fragmented files, a sparse file and a
 * file whose initialized size ends inside a cluster that still holds other bytes on disk ({@code ntfs-runs}), and for
 * every other live stream of the NTFS and ext4 test images.
 */
class RunReaderTest {
    /** What a reader delivered: the bytes, and its pieces merged where they continue each other. */
    static final class Collected implements StreamReader.Sink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> pieces = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        private long pieceStart;
        private long pieceEnd = -1;
        private long pieceBlock;
        private String pieceKind;
        private final int blockBytes;

        Collected(int blockBytes) {
            this.blockBytes = blockBytes;
        }

        @Override
        public boolean content(MemorySegment chunk, long byteOffset, long block, int blockFlags) {
            bytes.writeBytes(chunk.toArray(ValueLayout.JAVA_BYTE));
            String kind = (blockFlags & StreamReader.BLOCK_SPARSE) != 0
                    ? "sparse"
                    : (blockFlags & StreamReader.BLOCK_RESIDENT) != 0
                            ? "resident"
                            : (blockFlags & StreamReader.BLOCK_RAW) != 0 ? "raw" : "other";
            boolean continues = kind.equals(pieceKind)
                    && byteOffset == pieceEnd
                    && (!kind.equals("raw") || block * blockBytes == pieceBlock * blockBytes + pieceEnd - pieceStart);
            if (!continues) {
                close();
                pieceStart = byteOffset;
                pieceBlock = block;
                pieceKind = kind;
            }
            pieceEnd = byteOffset + chunk.byteSize();
            return true;
        }

        @Override
        public void unreadable(long byteOffset, long lengthBytes, String reason) {
            unreadable.add(byteOffset + "+" + lengthBytes + ": " + reason);
        }

        List<String> pieces() {
            close();
            return pieces;
        }

        private void close() {
            if (pieceEnd >= 0) {
                pieces.add(pieceKind + " " + pieceStart + "-" + pieceEnd
                        + (pieceKind.equals("raw") ? " @" + pieceBlock : ""));
            }
            pieceEnd = -1;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ntfs-runs", "ntfs", "types", "ext4", "hostile"})
    void runList_readsWhatIcatWrites_inTheWalksPieces(String name) throws Exception {
        Path path = TestImages.get(name);
        Map<String, List<String>> direct = new TreeMap<>();
        try (Image image = Image.open(path);
                FileSystem fs = FileSystem.open(image, 0);
                StreamReader reader = new StreamReader(fs)) {
            for (Tsk.FlsEntry e : Tsk.fls(path, 0, null)) {
                boolean ntfs = fs.type().isNtfs();
                if (!e.type().endsWith("/r")
                        || e.deleted()
                        || ntfs != e.address().contains("-128-")) {
                    continue;
                }
                InodeAddress a = InodeAddress.parse(e.address());
                int type = ntfs ? a.attributeType() : -1;
                int id = ntfs ? a.attributeId() : -1;
                byte[] icat = Tsk.icat(path, 0, null, e.address(), false);
                long size = icat.length;
                Collected ours = new Collected(fs.blockSizeBytes());
                reader.read(a.inode(), type, id, size, false, ours);
                // the same stream as a deleted file's: libtsk's walk, cluster by cluster
                Collected libtsk = new Collected(fs.blockSizeBytes());
                reader.read(a.inode(), type, id, size, true, libtsk);
                assertThat(ours.bytes.toByteArray()).as(e.path()).isEqualTo(icat);
                assertThat(ours.pieces()).as(e.path()).isEqualTo(libtsk.pieces());
                assertThat(ours.unreadable).as(e.path()).isEmpty();
                if (directlyRead(fs, a.inode(), type, id, size)) {
                    direct.put(e.path(), ours.pieces());
                }
            }
        }
        assertThat(direct).as("streams read by their run list").isNotEmpty();
        if (name.equals("ntfs-runs")) {
            assertThat(direct).containsKeys("frag1.bin", "frag2.bin", "grown.bin", "sparse.bin", "$MFT");
            // written in turns, 8 KiB (two clusters) at a time: twelve pieces apart
            assertThat(direct.get("frag1.bin")).hasSize(12).allMatch(p -> p.startsWith("raw "));
            assertThat(direct.get("sparse.bin")).anyMatch(p -> p.startsWith("sparse "));
            // initialized to 20,000: the fifth cluster is read (its bytes past 20,000 as zeros), the rest is sparse
            assertThat(direct.get("grown.bin")).hasSize(2);
            assertThat(direct.get("grown.bin").get(0)).startsWith("raw 0-20480 ");
            assertThat(direct.get("grown.bin").get(1)).isEqualTo("sparse 20480-200000");
        }
    }

    /** Whether the reader takes {@code a} by its run list rather than through libtsk. */
    private static boolean directlyRead(FileSystem fs, long inode, int type, int id, long size) {
        try (Arena arena = Arena.ofConfined()) {
            RunReader runs = RunReader.of(fs, arena);
            assertThat(runs).as("a raw image").isNotNull();
            long file = Calls.streamOpen(fs.segment().address(), inode);
            try {
                long attr = Calls.streamAttr(file, type, Math.max(id, 0), id >= 0);
                return attr != 0 && runs.reads(attr, size);
            } finally {
                Calls.streamClose(file);
                runs.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.exhibit.image.qcow2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.MediaReader;
import dev.exhibit.image.MediaReaders;
import dev.exhibit.image.TestMedia;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.Oracles;
import dev.exhibit.testkit.SharedImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Qcow2ReaderTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"keramics-fat16.qcow2", "keramics-fat32.qcow2"})
    void read_decodesPublicQcow2AsQemuImgDoes(String name) throws Exception {
        Path image = SharedImages.get(name);
        String expected = Oracles.md5(Oracles.qemuRaw(image, tmp));
        try (MediaReader r = MediaReaders.open(image)) {
            assertThat(r.format()).isEqualTo("qcow2");
            assertThat(TestMedia.md5(r, 1 << 20)).isEqualTo(expected);
            assertThat(TestMedia.md5(r, 5000)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.10", "1.1"})
    void read_decodesZlibClustersOfVersion2And3(String compat) throws Exception {
        Path raw = TestMedia.mixedDisk(tmp.resolve("disk.raw"), 2 << 20);
        Path q = tmp.resolve("c.qcow2");
        Proc.run(
                        "qemu-img",
                        "convert",
                        "-c",
                        "-f",
                        "raw",
                        "-O",
                        "qcow2",
                        "-o",
                        "compat=" + compat + ",cluster_size=4096",
                        raw.toString(),
                        q.toString())
                .ok();
        try (Qcow2Reader r = (Qcow2Reader) MediaReaders.open(q)) {
            assertThat(TestMedia.md5(r, 65536)).isEqualTo(Oracles.md5(raw));
            Qcow2Info info = r.info();
            assertThat(info.version()).isEqualTo(compat.equals("0.10") ? 2 : 3);
            assertThat(info.compressedClusters()).isPositive();
            assertThat(info.clusterBytes()).isEqualTo(4096);
        }
    }

    @Test
    void read_takesUnwrittenClustersFromThePresentBackingFileAndZeroClustersAsZeros() throws Exception {
        Path raw = TestMedia.mixedDisk(tmp.resolve("base.raw"), 3 << 20);
        Path base = tmp.resolve("base.qcow2");
        Proc.run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), base.toString())
                .ok();
        Path over = tmp.resolve("over.qcow2");
        Proc.run("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", over.toString())
                .ok();
        Proc.run("qemu-io", "-c", "write -P 0x41 65536 131072", "-c", "write -z 1048576 131072", over.toString())
                .ok();
        try (Qcow2Reader r = (Qcow2Reader) MediaReaders.open(over)) {
            assertThat(TestMedia.md5(r, 1 << 20)).isEqualTo(Oracles.md5(Oracles.qemuRaw(over, tmp)));
            Qcow2Info info = r.info();
            assertThat(info.backingFile()).isEqualTo("base.qcow2");
            assertThat(info.zeroClusters()).isPositive();
        }
    }

    @Test
    void open_refusesAMissingBackingFileNamingIt() throws Exception {
        Path over = tmp.resolve("lonely.qcow2");
        Proc.run(
                        "qemu-img",
                        "create",
                        "-q",
                        "-f",
                        "qcow2",
                        "-u",
                        "-b",
                        "gone.qcow2",
                        "-F",
                        "qcow2",
                        over.toString(),
                        "1M")
                .ok();
        assertThatThrownBy(() -> MediaReaders.open(over))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("lonely.qcow2 is a QCOW2 overlay whose backing file 'gone.qcow2'")
                .hasMessageContaining("is not there");
    }

    @Test
    void open_refusesABackingChainThatLoops() throws Exception {
        Path a = tmp.resolve("a.qcow2");
        Proc.run("qemu-img", "create", "-q", "-f", "qcow2", a.toString(), "1M").ok();
        Proc.run(
                        "qemu-img",
                        "create",
                        "-q",
                        "-f",
                        "qcow2",
                        "-b",
                        "a.qcow2",
                        "-F",
                        "qcow2",
                        tmp.resolve("b.qcow2").toString())
                .ok();
        Proc.run("qemu-img", "rebase", "-u", "-b", "b.qcow2", "-F", "qcow2", a.toString())
                .ok();
        assertThatThrownBy(() -> MediaReaders.open(a))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("b.qcow2: QCOW2 backing file name at byte 8: backing chain loops");
    }

    @Test
    void open_refusesAnL1TablePastTheEndOfTheFile() throws Exception {
        Path q = copyOf("keramics-fat16.qcow2");
        patchLong(q, 40, 1L << 40);
        assertThatThrownBy(() -> MediaReaders.open(q))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("copy.qcow2: QCOW2 header field at byte 40: L1 table at byte 1099511627776")
                .hasMessageContaining("past the end of the file");
    }

    @Test
    void read_refusesAnL2TablePastTheEndOfTheFile() throws Exception {
        Path q = copyOf("keramics-fat16.qcow2");
        long l1 = readLong(q, 40);
        patchLong(q, l1, (1L << 63) | (1L << 40));
        try (MediaReader r = MediaReaders.open(q)) {
            assertThatThrownBy(() -> r.read(0, ByteBuffer.allocate(512)))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("copy.qcow2: L1 entry 0 at byte " + l1 + ": L2 table at byte 1099511627776");
        }
    }

    @Test
    void read_refusesACompressedClusterThatInflatesPastItsCluster() throws Exception {
        Path q = tmp.resolve("bomb.qcow2");
        Files.write(q, TinyQcow2.withCompressedCluster(new byte[4 * TinyQcow2.CLUSTER]));
        try (MediaReader r = MediaReaders.open(q)) {
            assertThatThrownBy(() -> r.read(0, ByteBuffer.allocate(512)))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("bomb.qcow2: compressed cluster 0 at file byte 12288")
                    .hasMessageContaining("inflates past the cluster's 4096 bytes");
        }
    }

    @Test
    void read_decodesAHandMadeCompressedCluster() throws Exception {
        byte[] plain = new byte[TinyQcow2.CLUSTER];
        Arrays.fill(plain, (byte) 'q');
        Path q = tmp.resolve("tiny.qcow2");
        Files.write(q, TinyQcow2.withCompressedCluster(plain));
        try (MediaReader r = MediaReaders.open(q)) {
            ByteBuffer b = ByteBuffer.allocate(2 * TinyQcow2.CLUSTER);
            assertThat(r.read(0, b)).isEqualTo(b.capacity());
            assertThat(Arrays.copyOf(b.array(), TinyQcow2.CLUSTER)).isEqualTo(plain);
            assertThat(Arrays.copyOfRange(b.array(), TinyQcow2.CLUSTER, b.capacity()))
                    .containsOnly(0);
        }
    }

    private Path copyOf(String name) throws IOException {
        Path q = tmp.resolve("copy.qcow2");
        Files.copy(SharedImages.get(name), q);
        return q;
    }

    static void patchLong(Path file, long at, long value) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).putLong(0, value), at);
        }
    }

    static long readLong(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8);
            ch.read(b, at);
            return b.getLong(0);
        }
    }
}

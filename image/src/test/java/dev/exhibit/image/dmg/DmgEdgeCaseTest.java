package dev.exhibit.image.dmg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.TestMedia;
import dev.exhibit.image.dmg.UdifWriter.Spec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DMGs made by the tests' own writer, one for each chunk type and for each damage the reader must name. */
class DmgEdgeCaseTest {
    @TempDir
    Path tmp;

    /** 64 sectors: mixed text and random bytes, with zeros where the zero and ignore chunks are. */
    static byte[] disk() {
        byte[] d = new byte[64 * 512];
        Random random = new Random(11);
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (i % 1024 < 512 ? "exhibit ".charAt(i % 8) : random.nextInt(256));
        }
        Arrays.fill(d, 4 * 512, 8 * 512, (byte) 0);
        Arrays.fill(d, 48 * 512, 52 * 512, (byte) 0);
        Arrays.fill(d, 200, 400, (byte) 'a');
        return d;
    }

    static UdifWriter everyType() {
        return new UdifWriter()
                .region(
                        "disk image (Apple_HFS : 1)",
                        new Spec(ChunkType.RAW, 4),
                        new Spec(ChunkType.ZERO, 4),
                        new Spec(ChunkType.ADC, 8),
                        new Spec(ChunkType.ZLIB, 8),
                        new Spec(ChunkType.BZIP2, 8),
                        new Spec(ChunkType.LZMA, 8),
                        new Spec(ChunkType.ZLIB, 8))
                .region("Apple_Free : 2", new Spec(ChunkType.IGNORE, 4), new Spec(ChunkType.ZLIB, 12));
    }

    private Path write(UdifWriter w, byte[] disk) throws Exception {
        Path p = tmp.resolve("made.dmg");
        Files.write(p, w.write(disk));
        return p;
    }

    @Test
    void read_decodesEveryChunkTypeTheWriterMade() throws Exception {
        byte[] disk = disk();
        try (DmgReader r = DmgReader.open(write(everyType(), disk))) {
            assertThat(r.sizeBytes()).isEqualTo(disk.length);
            assertThat(TestMedia.md5(r, 777)).isEqualTo(md5(disk));
            assertThat(r.info().codecChunks())
                    .containsOnlyKeys("raw", "zero", "adc", "zlib", "bzip2", "lzma", "ignore")
                    .containsEntry("zlib", 3);
            DmgChecksums sums = r.verifyChecksums();
            assertThat(sums.overall()).isEqualTo("verified");
            assertThat(sums.dataFork().state()).isEqualTo(DmgChecksums.State.MATCH);
        }
    }

    @Test
    void verifyChecksums_reportsACorruptRegionCrcAsAMismatch() throws Exception {
        UdifWriter w = everyType();
        w.corruptFirstRegionCrc = true;
        try (DmgReader r = DmgReader.open(write(w, disk()))) {
            DmgChecksums sums = r.verifyChecksums();
            assertThat(sums.overall()).isEqualTo("mismatch");
            DmgChecksums.Result first = sums.regions().getFirst();
            assertThat(first.state()).isEqualTo(DmgChecksums.State.MISMATCH);
            assertThat(first.what()).contains("Apple_HFS");
            assertThat(Long.parseLong(first.stored(), 16) ^ Long.parseLong(first.computed(), 16))
                    .isEqualTo(1);
            assertThat(sums.regions().get(1).state()).isEqualTo(DmgChecksums.State.MATCH);
        }
    }

    @Test
    void open_refusesATruncatedChunkTable() throws Exception {
        UdifWriter w = everyType();
        w.extraDeclaredEntries = 3;
        assertThatThrownBy(() -> DmgReader.open(write(w, disk())))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("made.dmg: blkx region 0 ('disk image (Apple_HFS : 1)')")
                .hasMessageContaining("at byte ")
                .hasMessageContaining("table truncated: 11 entries declared, room for 8");
    }

    @Test
    void open_refusesOverlappingChunkTables() throws Exception {
        UdifWriter w = everyType();
        w.secondRegionStartDelta = -2;
        assertThatThrownBy(() -> DmgReader.open(write(w, disk())))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("chunk tables overlap")
                .hasMessageContaining("region 1");
    }

    @Test
    void open_refusesAChunkPastTheDataFork() throws Exception {
        UdifWriter w = everyType();
        w.firstChunkOffsetDelta = 1 << 20;
        assertThatThrownBy(() -> DmgReader.open(write(w, disk())))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("entry 0 points at file bytes 1048576+2048, past the end of the data fork");
    }

    @Test
    void read_refusesAChunkThatInflatesPastItsDeclaredSectors() throws Exception {
        UdifWriter w = new UdifWriter().region("bomb", new Spec(ChunkType.ZLIB, 2, 64), new Spec(ChunkType.ZERO, 62));
        try (DmgReader r = DmgReader.open(write(w, disk()))) {
            assertThatThrownBy(() -> r.read(0, ByteBuffer.allocate(512)))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("zlib chunk 0 of region 0 (media bytes 0-1024, stored at file byte 0")
                    .hasMessageContaining("inflates past its declared 2 sectors");
        }
    }

    @Test
    void read_refusesAChunkThatDecodesShort() throws Exception {
        UdifWriter w = new UdifWriter().region("short", new Spec(ChunkType.BZIP2, 64, 32));
        try (DmgReader r = DmgReader.open(write(w, disk()))) {
            assertThatThrownBy(() -> r.read(40 * 512, ByteBuffer.allocate(512)))
                    .isInstanceOf(MediaFormatException.class)
                    .hasMessageContaining("decodes to 16384 bytes, not the 32768 its table declares");
        }
    }

    @Test
    void open_refusesATruncatedFileNamingWhatLiesPastItsEnd() throws Exception {
        byte[] whole = everyType().write(disk());
        byte[] cut = UdifWriter.concat(
                Arrays.copyOfRange(whole, 0, 1000), Arrays.copyOfRange(whole, whole.length - 512, whole.length));
        Path p = tmp.resolve("cut.dmg");
        Files.write(p, cut);
        assertThatThrownBy(() -> DmgReader.open(p))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("cut.dmg: UDIF trailer (koly) at byte 1000")
                .hasMessageContaining("lies past the end of the file (1512 bytes)");
    }

    @Test
    void open_refusesAnEncryptedDmgWithAClearMessage() throws Exception {
        byte[] body = new byte[8192];
        System.arraycopy("encrcdsa".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 8);
        Path p = tmp.resolve("secret.dmg");
        Files.write(p, body);
        assertThatThrownBy(() -> DmgReader.open(p))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("secret.dmg: encrypted disk image at byte 0")
                .hasMessageContaining(
                        "encrypted DMG (encrcdsa (version 2) header at byte 0); Exhibit cannot decrypt it");
    }

    @Test
    void info_reportsAnEmbeddedCodeSignatureAndItsIdentifier() throws Exception {
        UdifWriter w = everyType();
        w.signature = superblob("com.example.evidence");
        try (DmgReader r = DmgReader.open(write(w, disk()))) {
            CodeSignature sig = r.info().signature();
            assertThat(sig.present()).isTrue();
            assertThat(sig.wellFormed()).isTrue();
            assertThat(sig.identifier()).isEqualTo("com.example.evidence");
            assertThat(sig.cmsBytes()).isZero();
        }
    }

    /** An ad-hoc signature: a superblob with a CodeDirectory (identifier at offset 48) and an empty CMS blob. */
    static byte[] superblob(String identifier) {
        byte[] id = (identifier + "\0").getBytes(StandardCharsets.UTF_8);
        int cdAt = 12 + 16;
        int cdLength = 48 + id.length;
        int cmsAt = cdAt + cdLength;
        ByteBuffer b = ByteBuffer.allocate(cmsAt + 8);
        b.putInt(CodeSignature.SUPERBLOB).putInt(b.capacity()).putInt(2);
        b.putInt(0).putInt(cdAt).putInt(0x10000).putInt(cmsAt);
        b.putInt(CodeSignature.CODE_DIRECTORY)
                .putInt(cdLength)
                .putInt(0x20400)
                .putInt(0)
                .putInt(0)
                .putInt(48);
        b.position(cdAt + 48).put(id);
        b.putInt(CodeSignature.CMS).putInt(8);
        return b.array();
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}

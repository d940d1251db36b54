package dev.exhibit.image.lzfse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testkit.SharedImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LZFSE chunks of a real ULFO disk image (keramics' hfsplus_lzfse.dmg, made by hdiutil: bvx2 and bvxn blocks)
 * decode to exactly what 7-Zip decodes them to, and the whole disk to the MD5 that keramics and 7-Zip agree on.
 */
class LzfseDmgOracleTest {
    private static final String IMAGE = "keramics-hfsplus_lzfse.dmg";
    private static final String DISK_MD5 = "c2c160c788676641725fd1a4b8da733b"; // shared/testimages/README.md

    @TempDir
    Path tmp;

    @Test
    void decode_everyChunkOfUlfoImage_equalsSevenZip() throws Exception {
        Path dmg = SharedImages.get(IMAGE);
        byte[] file = Files.readAllBytes(dmg);
        List<UdifChunks.Chunk> chunks = UdifChunks.read(file);
        byte[] expected = SevenZip.decodedDisk(dmg, tmp);
        byte[] disk = new byte[expected.length];
        int lzfseChunks = 0;
        for (UdifChunks.Chunk chunk : chunks) {
            int at = Math.toIntExact(chunk.firstSector() * UdifChunks.SECTOR_BYTES);
            switch (chunk.type()) {
                case UdifChunks.LZFSE -> {
                    int decoded = Lzfse.decode(
                            file,
                            Math.toIntExact(chunk.fileOffset()),
                            Math.toIntExact(chunk.storedBytes()),
                            disk,
                            at,
                            chunk.decodedBytes());
                    assertThat(decoded)
                            .as("chunk at sector %d", chunk.firstSector())
                            .isEqualTo(chunk.decodedBytes());
                    assertThat(Arrays.copyOfRange(disk, at, at + decoded))
                            .as("chunk at sector %d", chunk.firstSector())
                            .isEqualTo(Arrays.copyOfRange(expected, at, at + decoded));
                    lzfseChunks++;
                }
                case UdifChunks.RAW ->
                    System.arraycopy(file, Math.toIntExact(chunk.fileOffset()), disk, at, chunk.decodedBytes());
                default -> {} // zero, ignore, comment and terminator chunks leave zeros
            }
        }
        assertThat(lzfseChunks).isEqualTo(8);
        assertThat(disk).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(HashAlgorithm.MD5.newDigest().digest(disk)))
                .isEqualTo(DISK_MD5);
    }
}

package dev.exhibit.image.ewf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class ChunkEncoderTest {
    private static final int CHUNK = 32768;

    @Test
    void encode_zeroChunks_shareOneCachedCompressedChunk() {
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.FAST, CHUNK)) {
            EncodedChunk a = e.encode(MemorySegment.ofArray(new byte[CHUNK]));
            EncodedChunk b = e.encode(MemorySegment.ofArray(new byte[CHUNK]));

            assertThat(a.stored()).isSameAs(b.stored());
            assertThat(a.compressed()).isTrue();
            assertThat(a.stored().length).isLessThan(200);
        }
    }

    @Test
    void encode_emptyBlock_compressesOnlyZeroChunks() throws Exception {
        byte[] uniform = new byte[CHUNK];
        Arrays.fill(uniform, (byte) 0xAA);
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.EMPTY_BLOCK, CHUNK)) {
            EncodedChunk zero = e.encode(MemorySegment.ofArray(new byte[CHUNK]));
            EncodedChunk aa = e.encode(MemorySegment.ofArray(uniform));

            assertThat(zero.compressed()).isTrue();
            assertThat(zero.stored()[1] & 0xFF).as("zlib level 6 header").isEqualTo(0x9C);
            assertThat(inflate(zero.stored(), CHUNK)).isEqualTo(new byte[CHUNK]);
            assertThat(aa.compressed()).isFalse();
        }
    }

    @Test
    void encode_none_storesEvenZeroChunksRawWithLittleEndianAdler() {
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.NONE, CHUNK)) {
            EncodedChunk c = e.encode(MemorySegment.ofArray(new byte[CHUNK]));

            assertThat(c.compressed()).isFalse();
            assertThat(c.stored()).hasSize(CHUNK + 4);
            Adler32 a = new Adler32();
            a.update(new byte[CHUNK]);
            assertThat(Bytes.i32(c.stored(), CHUNK)).isEqualTo((int) a.getValue());
        }
    }

    @Test
    void encode_randomChunk_storedRawBecauseDeflateDoesNotShrinkIt() {
        byte[] rnd = new byte[CHUNK];
        new Random(1).nextBytes(rnd);
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.BEST, CHUNK)) {
            EncodedChunk c = e.encode(MemorySegment.ofArray(rnd));

            assertThat(c.compressed()).isFalse();
            assertThat(Arrays.copyOf(c.stored(), CHUNK)).isEqualTo(rnd);
        }
    }

    @Test
    void looksRandom_evenBytesOnly_soDeflateIsSkippedWhereItCannotWin() {
        byte[] rnd = new byte[CHUNK];
        new Random(2).nextBytes(rnd);
        byte[] text = Arrays.copyOf(Media.mixed(3, 3, 0), CHUNK * 3);
        byte[] uniform = new byte[CHUNK];
        Arrays.fill(uniform, (byte) 0xAA);
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.FAST, CHUNK)) {
            assertThat(e.looksRandom(MemorySegment.ofArray(rnd), CHUNK)).isTrue();
            assertThat(e.looksRandom(MemorySegment.ofArray(text).asSlice(2L * CHUNK, CHUNK), CHUNK))
                    .isFalse();
            assertThat(e.looksRandom(MemorySegment.ofArray(uniform), CHUNK)).isFalse();
            assertThat(e.looksRandom(MemorySegment.ofArray(rnd).asSlice(0, 4095), 4095))
                    .isFalse();
        }
    }

    @Test
    void encode_shortLastChunk_keepsItsLength() throws Exception {
        byte[] text = "text ".repeat(300).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.FAST, CHUNK)) {
            EncodedChunk c = e.encode(MemorySegment.ofArray(text));

            assertThat(c.mediaLength()).isEqualTo(1500);
            assertThat(c.stored()[0] & 0xFF).isEqualTo(0x78);
            assertThat(c.stored()[1] & 0xFF).as("zlib level 1 header").isEqualTo(0x01);
            assertThat(inflate(c.stored(), 1500)).isEqualTo(text);
        }
    }

    @Test
    void encode_sameBytes_sameStoredBytesAcrossEncoders() {
        byte[] media = Media.mixed(9, 5, 0);
        for (int off = 0; off < media.length; off += CHUNK) {
            MemorySegment chunk = MemorySegment.ofArray(media).asSlice(off, CHUNK);
            try (ChunkEncoder a = new ChunkEncoder(EwfCompression.FAST, CHUNK);
                    ChunkEncoder b = new ChunkEncoder(EwfCompression.FAST, CHUNK)) {
                assertThat(a.encode(chunk).stored()).isEqualTo(b.encode(chunk).stored());
            }
        }
    }

    @Test
    void maxCompressedBytes_isStrictlyBelowNineNinetyNinePerMille() {
        assertThat(ChunkEncoder.maxCompressedBytes(32768)).isEqualTo(32735);
        assertThat(32735L * 1000).isLessThan(32768L * 999);
        assertThat(32736L * 1000).isGreaterThanOrEqualTo(32768L * 999);
        assertThat(ChunkEncoder.maxCompressedBytes(1000)).isEqualTo(998);
    }

    @Test
    void encode_oversizedChunk_isRejected() {
        try (ChunkEncoder e = new ChunkEncoder(EwfCompression.FAST, CHUNK)) {
            assertThatThrownBy(() -> e.encode(MemorySegment.ofArray(new byte[CHUNK + 1])))
                    .hasMessage("chunk of 32769 bytes; expected 1..32768");
        }
    }

    private static byte[] inflate(byte[] stream, int length) throws Exception {
        Inflater inf = new Inflater();
        inf.setInput(stream);
        byte[] out = new byte[length];
        assertThat(inf.inflate(out)).isEqualTo(length);
        assertThat(inf.finished()).isTrue();
        inf.end();
        return out;
    }
}

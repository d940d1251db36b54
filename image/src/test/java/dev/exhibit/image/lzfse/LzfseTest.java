package dev.exhibit.image.lzfse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The decoder's framing, its LZVN opcodes and its refusals, on streams built here byte by byte and on hdiutil's bvx2
 * blocks with one field changed. Decoding to the right bytes on real data is {@link LzfseDmgOracleTest}'s job.
 */
class LzfseTest {
    @Test
    void decode_endOfStreamOnly_decodesNothing() throws Exception {
        assertThat(decode(new Streams().end().toByteArray(), 16)).isEmpty();
    }

    @Test
    void decode_ignoresBytesAfterEndOfStream() throws Exception {
        byte[] stream = new Streams().raw("hello").end().text("trailing").toByteArray();
        assertThat(text(decode(stream, 5))).isEqualTo("hello");
    }

    @Test
    void decode_lzvnOpcodesOfEveryKind_reachBackIntoEarlierBlocks() throws Exception {
        Streams opcodes = new Streams()
                .bytes(0x08, 0x04) // small distance: no literal, 4 bytes at distance 4 (into the bvx- block)
                .bytes(0xe2)
                .text("xy") // two literals
                .bytes(0x46)
                .text("z") // one literal, 3 bytes at the previous distance
                .bytes(0xa0, 0x3a, 0x00) // medium distance: 5 bytes at distance 14
                .bytes(0x07, 0x13, 0x00) // large distance: 3 bytes at distance 19
                .bytes(0xf2) // 2 bytes at the previous distance
                .bytes(0x0e) // no operation
                .bytes(0xe0, 0x00)
                .text("0123456789abcdef") // 16 literals
                .bytes(0xf0, 0x00) // 16 bytes at the previous distance
                .bytes(0x06, 0, 0, 0, 0, 0, 0, 0); // end of stream
        byte[] stream = new Streams().raw("abcd").lzvn(52, opcodes).end().toByteArray();

        assertThat(text(decode(stream, 56))).isEqualTo("abcdabcdxyzdxyabcdaabcda0123456789abcdefcda0123456789abc");
    }

    @Test
    void decode_overlappingMatch_repeatsThePattern() throws Exception {
        byte[] stream = new Streams()
                .raw("ab")
                .lzvn(7, new Streams().bytes(0x20, 0x02)) // 7 bytes at distance 2
                .end()
                .toByteArray();
        assertThat(text(decode(stream, 9))).isEqualTo("ababababa");
    }

    @Test
    void decode_withoutEndOfStream_failsAtTheEndOfTheInput() {
        byte[] stream = new Streams().raw("abc").toByteArray();
        assertThatThrownBy(() -> decode(stream, 3))
                .isInstanceOf(LzfseException.class)
                .hasMessage("stream block at byte 11: the input ends without an end-of-stream (bvx$) block");
    }

    @Test
    void decode_unknownMagic_namesItsBytes() {
        byte[] stream = new Streams().raw("abc").magic("bvx3").toByteArray();
        assertThatThrownBy(() -> decode(stream, 3))
                .isInstanceOf(LzfseException.class)
                .hasMessage("stream block at byte 11: unknown block magic 62 76 78 33 (expected bvx-, bvx1, bvx2,"
                        + " bvxn or bvx$)");
    }

    @Test
    void decode_blockLargerThanTheOutput_failsBeforeWriting() {
        byte[] stream = new Streams().raw("0123456789").end().toByteArray();
        byte[] dst = new byte[4];
        assertThatThrownBy(() -> Lzfse.decode(stream, 0, stream.length, dst, 0, 4))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvx- block at byte 0: it decodes to 10 bytes, but the output has room for only 4 more"
                        + " (after 0 decoded)");
        assertThat(dst).containsOnly(0);
    }

    @Test
    void decode_lzvnHeaderClaimingFourGigabytes_failsWithoutAllocating() {
        byte[] stream = new Streams()
                .lzvn(0xffff_ffffL, new Streams().bytes(0x06, 0, 0, 0, 0, 0, 0, 0))
                .end()
                .toByteArray();
        assertThatThrownBy(() -> decode(stream, 1 << 20))
                .isInstanceOf(LzfseException.class)
                .hasMessageStartingWith("bvxn block at byte 0: it decodes to 4294967295 bytes, but the output has"
                        + " room for only 1048576 more");
    }

    @Test
    void decode_matchBeforeTheStartOfTheOutput_fails() {
        byte[] stream = new Streams()
                .raw("ab")
                .lzvn(3, new Streams().bytes(0x00, 0x03))
                .end()
                .toByteArray();
        assertThatThrownBy(() -> decode(stream, 5))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvxn block at byte 10: opcode at payload byte 0: match at distance 3 reaches before"
                        + " the start of the output (2 bytes decoded)");
    }

    @Test
    void decode_lzvnUndefinedOpcode_fails() {
        byte[] stream = new Streams()
                .lzvn(1, new Streams().bytes(0xe1).text("a").bytes(0x1e))
                .end()
                .toByteArray();
        assertThatThrownBy(() -> decode(stream, 1))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvxn block at byte 0: undefined opcode 1e at payload byte 2");
    }

    @Test
    void decode_lzvnOpcode1101xxxx_isUndefined() {
        // LLMMMxxx with L=3 and M of 5 or more would read as a small-distance match; 7-Zip and the format reject it.
        byte[] stream = new Streams()
                .raw("abcd")
                .lzvn(8, new Streams().bytes(0xd0, 0x04).text("xyz"))
                .end()
                .toByteArray();
        assertThatThrownBy(() -> decode(stream, 12))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvxn block at byte 12: undefined opcode d0 at payload byte 0");
    }

    @Test
    void decode_lzvnDecodingToLessThanItsHeaderSays_fails() {
        byte[] stream =
                new Streams().lzvn(5, new Streams().bytes(0xe1).text("a")).end().toByteArray();
        assertThatThrownBy(() -> decode(stream, 5))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvxn block at byte 0: its opcodes decode to 1 bytes, its header says 5");
    }

    @Test
    void decode_bvx2LiteralCountOverTheLimit_fails() throws Exception {
        byte[] stream = bvx2WithField(8, 0, 20, 40_004);
        assertThatThrownBy(() -> decode(stream, DmgSamples.largestFse().decodedBytes()))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvx2 block at byte 0: literal count 40004 exceeds the block limit of 40000");
    }

    @Test
    void decode_bvx2StateOutsideItsTable_fails() throws Exception {
        byte[] stream = bvx2WithField(24, 32, 10, 64); // L state: 64 states, 10-bit field
        assertThatThrownBy(() -> decode(stream, DmgSamples.largestFse().decodedBytes()))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvx2 block at byte 0: L state 64 is outside the table's 64 states");
    }

    @Test
    void decode_bvx2HeaderSizeBeyondItsFrequencyCode_fails() throws Exception {
        byte[] stream = bvx2WithField(24, 0, 32, 177 + 1); // hdiutil's header is 177 bytes
        assertThatThrownBy(() -> decode(stream, DmgSamples.largestFse().decodedBytes()))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvx2 block at byte 0: the header's frequency code ends 1 bytes before the header's end"
                        + " (its size field says 178 bytes)");
    }

    @Test
    void decode_bvx2PayloadPastTheInput_fails() throws Exception {
        byte[] stream = DmgSamples.largestFse().stream();
        byte[] cut = Arrays.copyOf(stream, stream.length - 100);
        assertThatThrownBy(() -> decode(cut, DmgSamples.largestFse().decodedBytes()))
                .isInstanceOf(LzfseException.class)
                .hasMessageMatching(
                        "bvx2 block at byte 0: it needs \\d+ bytes for its header and payloads, but only \\d+ remain");
    }

    @Test
    void decode_bvx2IntoTooSmallAnOutput_fails() throws Exception {
        DmgSamples.Sample sample = DmgSamples.largestFse();
        assertThatThrownBy(() -> decode(sample.stream(), sample.decodedBytes() - 1))
                .isInstanceOf(LzfseException.class)
                .hasMessage("bvx2 block at byte 0: it decodes to 1029120 bytes, but the output has room for only"
                        + " 1029119 more (after 0 decoded)");
    }

    @Test
    void decode_writesOnlyInsideItsOutputRange() throws Exception {
        DmgSamples.Sample sample = DmgSamples.largestFse();
        byte[] dst = new byte[sample.decodedBytes() + 200];
        Arrays.fill(dst, (byte) 0x5a);
        int n = Lzfse.decode(sample.stream(), 0, sample.stream().length, dst, 100, sample.decodedBytes());
        assertThat(n).isEqualTo(sample.decodedBytes());
        assertThat(Arrays.copyOf(dst, 100)).containsOnly(0x5a);
        assertThat(Arrays.copyOfRange(dst, 100 + n, dst.length)).containsOnly(0x5a);
    }

    /** The largest hdiutil bvx2 chunk with one bit field of one packed header word set to {@code value}. */
    private static byte[] bvx2WithField(int wordOffset, int shift, int bits, long value) throws Exception {
        byte[] stream = DmgSamples.largestFse().stream().clone();
        long word = 0;
        for (int i = 7; i >= 0; i--) {
            word = word << 8 | (stream[wordOffset + i] & 0xff);
        }
        long mask = ((1L << bits) - 1) << shift;
        word = (word & ~mask) | (value << shift & mask);
        for (int i = 0; i < 8; i++) {
            stream[wordOffset + i] = (byte) (word >>> (8 * i));
        }
        return stream;
    }

    private static byte[] decode(byte[] stream, int capacity) throws LzfseException {
        byte[] dst = new byte[capacity];
        int n = Lzfse.decode(stream, 0, stream.length, dst, 0, capacity);
        return Arrays.copyOf(dst, n);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

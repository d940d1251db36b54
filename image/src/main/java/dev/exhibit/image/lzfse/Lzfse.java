package dev.exhibit.image.lzfse;

import java.util.Objects;

/**
 * Decodes an LZFSE stream: a sequence of blocks, each opening with a four-byte magic, up to the end-of-stream block.
 * Block kinds: {@code bvx-} (stored bytes), {@code bvx1} and {@code bvx2} (LZ77 with finite-state-entropy coding,
 * tables stored plain or packed), {@code bvxn} (LZVN) and {@code bvx$} (end of stream). A match may reach back into
 * any earlier block of the same stream, never before the start of the output.
 *
 * <p>Nothing in the stream is trusted: every size is checked against the input left, the output left and the format's
 * limits before it is used, so a lying header or a decompression bomb ends in an {@link LzfseException}, never in an
 * index error, an oversized allocation or a loop without progress. Thread-safe: all state lives in the call.
 */
public final class Lzfse {
    static final int END_OF_STREAM = 0x24787662; // "bvx$" read little-endian
    static final int UNCOMPRESSED = 0x2d787662; // "bvx-"
    static final int FSE_V1 = 0x31787662; // "bvx1"
    static final int FSE_V2 = 0x32787662; // "bvx2"
    static final int LZVN = 0x6e787662; // "bvxn"

    private static final int MAGIC_BYTES = 4;
    private static final int UNCOMPRESSED_HEADER_BYTES = 8;

    private Lzfse() {}

    /**
     * Decodes the LZFSE stream in {@code src[srcOffset, srcOffset+srcLength)} into {@code dst[dstOffset,
     * dstOffset+dstLength)}. Bytes after the end-of-stream block are ignored.
     *
     * @return the number of bytes decoded into {@code dst}
     * @throws LzfseException if the stream is malformed, truncated, or decodes to more than {@code dstLength} bytes
     */
    public static int decode(byte[] src, int srcOffset, int srcLength, byte[] dst, int dstOffset, int dstLength)
            throws LzfseException {
        Objects.checkFromIndexSize(srcOffset, srcLength, src.length);
        Objects.checkFromIndexSize(dstOffset, dstLength, dst.length);
        Output out = new Output(dst, dstOffset, dstOffset + dstLength);
        int end = srcOffset + srcLength;
        int at = srcOffset;
        FseBlock fse = null;
        while (true) {
            Block block = new Block(src, srcOffset, at, end);
            if (end - at < MAGIC_BYTES) {
                throw block.fail(
                        "stream",
                        at == end
                                ? "the input ends without an end-of-stream (bvx$) block"
                                : "the input ends inside a block magic");
            }
            int magic = LittleEndian.i32(src, at);
            switch (magic) {
                case END_OF_STREAM -> {
                    return out.position - dstOffset;
                }
                case UNCOMPRESSED -> at = uncompressed(block, out);
                case LZVN -> at = LzvnBlock.decode(block, out);
                case FSE_V1, FSE_V2 -> {
                    if (fse == null) {
                        fse = new FseBlock();
                    }
                    at = fse.decode(block, magic == FSE_V2, out);
                }
                default -> throw block.fail("stream", unknownMagic(src, at));
            }
        }
    }

    private static int uncompressed(Block block, Output out) throws LzfseException {
        block.require("bvx-", UNCOMPRESSED_HEADER_BYTES, "header");
        long rawBytes = LittleEndian.u32(block.src, block.start + MAGIC_BYTES);
        int data = block.start + UNCOMPRESSED_HEADER_BYTES;
        if (rawBytes > block.end - data) {
            throw block.fail(
                    "bvx-", "it holds " + rawBytes + " bytes, but only " + (block.end - data) + " remain in the input");
        }
        out.reserve(block, "bvx-", rawBytes);
        System.arraycopy(block.src, data, out.dst, out.position, (int) rawBytes);
        out.position += (int) rawBytes;
        return data + (int) rawBytes;
    }

    private static String unknownMagic(byte[] src, int at) {
        StringBuilder text = new StringBuilder("unknown block magic");
        for (int i = 0; i < MAGIC_BYTES; i++) {
            text.append(String.format(" %02x", src[at + i] & 0xff));
        }
        return text.append(" (expected bvx-, bvx1, bvx2, bvxn or bvx$)").toString();
    }

    /** One block's place in the input: its first byte, and the end of the whole input. */
    record Block(byte[] src, int streamStart, int start, int end) {
        long byteOffset() {
            return start - streamStart;
        }

        LzfseException fail(String kind, String problem) {
            return new LzfseException(kind, byteOffset(), problem);
        }

        void require(String kind, long bytes, String what) throws LzfseException {
            if (bytes > end - start) {
                throw fail(
                        kind,
                        "it needs " + bytes + " bytes for its " + what + ", but only " + (end - start) + " remain");
            }
        }
    }

    /** The output array, the first byte a match may reach back to, the write position and the bound. */
    static final class Output {
        final byte[] dst;
        final int start;
        final int end;
        int position;

        Output(byte[] dst, int start, int end) {
            this.dst = dst;
            this.start = start;
            this.end = end;
            this.position = start;
        }

        /** Fails unless {@code rawBytes} more bytes fit in the output. */
        void reserve(Block block, String kind, long rawBytes) throws LzfseException {
            if (rawBytes > end - position) {
                throw block.fail(
                        kind,
                        "it decodes to " + rawBytes + " bytes, but the output has room for only " + (end - position)
                                + " more (after " + (position - start) + " decoded)");
            }
        }
    }
}

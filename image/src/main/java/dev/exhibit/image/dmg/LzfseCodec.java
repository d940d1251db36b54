package dev.exhibit.image.dmg;

import java.io.IOException;

/**
 * The one place LZFSE chunks are decoded. The decoder ({@code dev.exhibit.image.lzfse.Lzfse}) is being written on
 * another branch; until it is wired in here, LZFSE chunks are refused with a message that says so, not misread.
 */
final class LzfseCodec {
    private LzfseCodec() {}

    /** Whether LZFSE chunks can be decoded in this build. */
    static boolean available() {
        return false;
    }

    /**
     * Decodes {@code src[0, srcLength)} into {@code dst}, returning the number of bytes produced.
     *
     * @throws IOException when the stream is corrupt or decodes to more than {@code dst.length}
     */
    static int decode(byte[] src, int srcLength, byte[] dst) throws IOException {
        throw new UnsupportedOperationException("no LZFSE decoder in this build");
    }
}

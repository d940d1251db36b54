package dev.exhibit.image.ewf;

import java.util.zip.Adler32;

/**
 * Decodes stored chunks back to media bytes and checks them: a compressed chunk must be one zlib stream (its Adler-32
 * is checked by libdeflate, {@link LibdeflateInflater}) that inflates to exactly the chunk's length; a raw chunk must be the chunk's length plus its
 * little-endian Adler-32. One per thread (it owns a decompressor). Problems come back as text for the caller, who knows
 * the file, the chunk and the media offset to name.
 */
final class ChunkDecoder implements AutoCloseable {
    private final LibdeflateInflater inflater = new LibdeflateInflater();
    private final Adler32 adler = new Adler32();
    private int trailingBytes;

    /**
     * Decodes {@code stored[off, off+storedLength)} into {@code out[outOff, outOff+mediaLength)}.
     *
     * @return null when the chunk is good, else what is wrong with it
     */
    String decode(
            byte[] stored, int off, int storedLength, boolean compressed, byte[] out, int outOff, int mediaLength) {
        trailingBytes = 0;
        if (!compressed) {
            if (storedLength != mediaLength + 4) {
                return "uncompressed chunk is " + storedLength + " bytes, expected " + (mediaLength + 4)
                        + " (data and Adler-32)";
            }
            adler.reset();
            adler.update(stored, off, mediaLength);
            int want = Bytes.i32(stored, off + mediaLength);
            if ((int) adler.getValue() != want) {
                return String.format("Adler-32 mismatch: stored %08x, computed %08x", want, (int) adler.getValue());
            }
            System.arraycopy(stored, off, out, outOff, mediaLength);
            return null;
        }
        int result = inflater.inflate(stored, off, storedLength, out, outOff, mediaLength);
        if (result == LibdeflateInflater.INSUFFICIENT_SPACE) {
            return "zlib stream inflates to more than " + mediaLength + " bytes";
        }
        if (result == LibdeflateInflater.BAD_DATA) {
            return "corrupt zlib stream of " + storedLength + " bytes (invalid or truncated deflate data, or an"
                    + " Adler-32 that does not match what it inflates to)";
        }
        if (result != LibdeflateInflater.SUCCESS) {
            return "zlib stream of " + storedLength + " bytes not inflated (libdeflate result " + result + ")";
        }
        if (inflater.produced() != mediaLength) {
            return "zlib stream inflates to " + inflater.produced() + " bytes, expected " + mediaLength;
        }
        trailingBytes = (int) (storedLength - inflater.consumed());
        return null;
    }

    /** Bytes left after the zlib stream of the last good compressed chunk (0 for a tightly packed chunk). */
    int trailingBytes() {
        return trailingBytes;
    }

    @Override
    public void close() {
        inflater.close();
    }
}

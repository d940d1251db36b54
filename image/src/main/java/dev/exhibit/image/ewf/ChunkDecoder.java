package dev.exhibit.image.ewf;

import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes stored chunks back to media bytes and checks them: a compressed chunk must be one zlib stream (its Adler-32
 * is checked by zlib) that inflates to exactly the chunk's length; a raw chunk must be the chunk's length plus its
 * little-endian Adler-32. One per thread (it owns an Inflater). Problems come back as text for the caller, who knows
 * the file, the chunk and the media offset to name.
 */
final class ChunkDecoder implements AutoCloseable {
    private final Inflater inflater = new Inflater();
    private final Adler32 adler = new Adler32();
    private final byte[] probe = new byte[1];
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
        inflater.reset();
        inflater.setInput(stored, off, storedLength);
        try {
            int produced = 0;
            while (produced < mediaLength && !inflater.finished()) {
                int n = inflater.inflate(out, outOff + produced, mediaLength - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return "zlib stream of " + storedLength + " bytes ends after " + produced + " of " + mediaLength
                            + " bytes";
                }
                produced += n;
            }
            if (!inflater.finished()) {
                if (inflater.inflate(probe) > 0) {
                    return "zlib stream inflates to more than " + mediaLength + " bytes";
                }
                if (!inflater.finished()) {
                    return "zlib stream of " + storedLength + " bytes is truncated (no end, no checksum)";
                }
            }
            if (produced != mediaLength) {
                return "zlib stream inflates to " + produced + " bytes, expected " + mediaLength;
            }
            trailingBytes = inflater.getRemaining();
            return null;
        } catch (DataFormatException e) {
            return "corrupt zlib stream: " + e.getMessage();
        }
    }

    /** Bytes left after the zlib stream of the last good compressed chunk (0 for a tightly packed chunk). */
    int trailingBytes() {
        return trailingBytes;
    }

    @Override
    public void close() {
        inflater.end();
    }
}

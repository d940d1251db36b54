package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import dev.exhibit.image.lzfse.Lzfse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Decodes one stored chunk to exactly the sectors its table entry declares. A chunk that would inflate past them (a
 * decompression bomb) or decode to fewer is an error naming the chunk, not a silent truncation or padding. Codecs:
 * the JDK's zlib, Apache commons-compress for bzip2 (the maintained Java bzip2), the xz authors' xz-java for the "LZMA"
 * chunks (which are .xz streams), Exhibit's own ADC, LZFSE through Exhibit's own {@link Lzfse}.
 */
final class ChunkDecoder {
    /** Largest decoded chunk accepted: hdiutil writes at most 2,048 sectors (1 MiB); this leaves room for others. */
    static final long MAX_DECODED_BYTES = 64L << 20;

    /** Largest stored chunk accepted: a compressed chunk is never much larger than its decoded bytes. */
    static final long MAX_STORED_BYTES = MAX_DECODED_BYTES + (1 << 20);

    private ChunkDecoder() {}

    /** Checks at open that a compressed chunk's sizes are sane, so reads never allocate what the table asks. */
    static void checkSizes(Path file, Chunk c) throws MediaFormatException {
        if (c.type() == ChunkType.RAW && c.storedBytes() != c.sectorCount() * 512) {
            throw at(file, c, "raw chunk stores " + c.storedBytes() + " bytes for " + c.sectorCount() + " sectors");
        }
        if (c.type().stored() && c.type() != ChunkType.RAW) {
            if (c.sectorCount() * 512 > MAX_DECODED_BYTES) {
                throw at(
                        file,
                        c,
                        "declares " + c.sectorCount() + " sectors, more than the " + MAX_DECODED_BYTES / 512
                                + " a compressed chunk may hold");
            }
            if (c.storedBytes() > MAX_STORED_BYTES) {
                throw at(file, c, "stores " + c.storedBytes() + " compressed bytes, more than " + MAX_STORED_BYTES);
            }
        }
    }

    /** The decoded bytes of a compressed chunk whose stored bytes are {@code stored}. */
    static byte[] decode(Path file, Chunk c, byte[] stored) throws MediaFormatException {
        byte[] out = new byte[Math.toIntExact(c.sectorCount() * 512)];
        int produced;
        try {
            produced = switch (c.type()) {
                case ADC -> Adc.decode(stored, stored.length, out);
                case ZLIB -> inflate(stored, out);
                case BZIP2 -> drain(new BZip2CompressorInputStream(new ByteArrayInputStream(stored)), out);
                case LZMA -> drain(new XZInputStream(new ByteArrayInputStream(stored), 256 * 1024), out);
                case LZFSE -> lzfse(stored, out);
                default -> throw new IllegalStateException("not a compressed chunk: " + c.describe());
            };
        } catch (MediaFormatException e) {
            throw e;
        } catch (IOException | DataFormatException | IllegalArgumentException | UnsupportedOperationException e) {
            throw at(file, c, "corrupt " + c.type().label + " data (" + e.getMessage() + ")", e);
        }
        if (produced > out.length) {
            throw at(
                    file,
                    c,
                    "inflates past its declared " + c.sectorCount() + " sectors (" + out.length
                            + " bytes): refused as a decompression bomb or a corrupt table");
        }
        if (produced < out.length) {
            throw at(file, c, "decodes to " + produced + " bytes, not the " + out.length + " its table declares");
        }
        return out;
    }

    private static int lzfse(byte[] stored, byte[] out) throws IOException {
        return Lzfse.decode(stored, 0, stored.length, out, 0, out.length);
    }

    /** Inflates a zlib stream; returns {@code out.length + 1} if it has more to give. */
    private static int inflate(byte[] stored, byte[] out) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("stream ends after " + n + " bytes");
                }
                n += got;
            }
            if (!inflater.finished()) {
                byte[] one = new byte[1];
                if (inflater.inflate(one) > 0) {
                    return out.length + 1;
                }
            }
            return n;
        } finally {
            inflater.end();
        }
    }

    /** Reads a decoder stream into {@code out}; returns {@code out.length + 1} if it has more to give. */
    private static int drain(InputStream in, byte[] out) throws IOException {
        try (in) {
            int n = in.readNBytes(out, 0, out.length);
            if (n == out.length && in.read() >= 0) {
                return out.length + 1;
            }
            return n;
        }
    }

    static MediaFormatException at(Path file, Chunk c, String what) {
        return at(file, c, what, null);
    }

    static MediaFormatException at(Path file, Chunk c, String what, Throwable cause) {
        return MediaFormatException.at(
                file,
                "blkx table of region " + c.region() + " (in the XML property list)",
                c.tableOffset(),
                c.describe() + ": " + what,
                cause);
    }
}

package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The UDIF trailer ({@code koly}, the last 512 bytes of a {@code .dmg}, big-endian): where the data fork, the XML
 * property list and the code signature are, the checksums of the data fork and of the regions, and the media size.
 *
 * @param dataForkOffset byte offset of the data fork in the file
 * @param dataForkBytes length of the data fork in bytes
 * @param xmlOffset byte offset of the XML property list holding the {@code blkx} tables
 * @param xmlBytes its length (0 when the tables are in a legacy resource fork)
 * @param resourceForkBytes length of the legacy binary resource fork
 * @param signatureOffset byte offset of the embedded code signature (0 when unsigned)
 * @param signatureBytes its length
 * @param dataForkChecksum CRC-32 stored for the data fork (type and value)
 * @param masterChecksum CRC-32 stored over the regions' checksums
 * @param sectorCount size of the media in 512-byte sectors
 */
record Koly(
        int version,
        int flags,
        long dataForkOffset,
        long dataForkBytes,
        long xmlOffset,
        long xmlBytes,
        long resourceForkBytes,
        long signatureOffset,
        long signatureBytes,
        Checksum dataForkChecksum,
        Checksum masterChecksum,
        int imageVariant,
        long sectorCount) {
    static final int BYTES = 512;
    static final int MAGIC = 0x6B6F6C79; // "koly"

    static boolean hasMagic(byte[] trailer) {
        return trailer.length >= 4 && ByteBuffer.wrap(trailer).getInt(0) == MAGIC;
    }

    /**
     * Parses the trailer read at {@code trailerOffset} of a file of {@code fileBytes}, checking that everything it
     * points at lies inside the file.
     */
    static Koly parse(Path file, byte[] trailer, long trailerOffset) throws MediaFormatException {
        ByteBuffer b = ByteBuffer.wrap(trailer);
        if (b.getInt(0) != MAGIC) {
            throw MediaFormatException.at(file, "UDIF trailer (koly)", trailerOffset, "no 'koly' signature");
        }
        Koly k = new Koly(
                b.getInt(4),
                b.getInt(12),
                b.getLong(24),
                b.getLong(32),
                b.getLong(216),
                b.getLong(224),
                b.getLong(48),
                b.getLong(296),
                b.getLong(304),
                Checksum.parse(b, 80),
                Checksum.parse(b, 352),
                b.getInt(488),
                b.getLong(492));
        k.check(file, trailerOffset);
        return k;
    }

    private void check(Path file, long trailerOffset) throws MediaFormatException {
        requireInside(file, trailerOffset, "data fork", dataForkOffset, dataForkBytes);
        requireInside(file, trailerOffset, "XML property list", xmlOffset, xmlBytes);
        requireInside(file, trailerOffset, "code signature", signatureOffset, signatureBytes);
        if (sectorCount < 0 || sectorCount > Long.MAX_VALUE / 512) {
            throw MediaFormatException.at(
                    file, "UDIF trailer (koly)", trailerOffset, "impossible media size of " + sectorCount + " sectors");
        }
        if (xmlBytes == 0) {
            throw MediaFormatException.at(
                    file,
                    "UDIF trailer (koly)",
                    trailerOffset,
                    "no XML property list (a legacy resource-fork DMG of " + resourceForkBytes
                            + " bytes, which Exhibit does not read)");
        }
        if (xmlBytes > MAX_XML_BYTES) {
            throw MediaFormatException.at(
                    file,
                    "UDIF trailer (koly)",
                    trailerOffset,
                    "XML property list of " + xmlBytes + " bytes, more than the " + MAX_XML_BYTES + " Exhibit reads");
        }
    }

    /** Far more than any real image's tables (a 1 TiB UDZO image has about 40 MiB). */
    static final long MAX_XML_BYTES = 256L << 20;

    private static void requireInside(Path file, long trailerOffset, String what, long offset, long length)
            throws MediaFormatException {
        if (offset < 0 || length < 0 || offset > trailerOffset || length > trailerOffset - offset) {
            throw MediaFormatException.at(
                    file,
                    "UDIF trailer (koly)",
                    trailerOffset,
                    what + " at byte " + offset + " of " + length + " bytes lies past the end of the file ("
                            + (trailerOffset + BYTES) + " bytes)");
        }
    }
}

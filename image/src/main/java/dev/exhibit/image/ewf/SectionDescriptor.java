package dev.exhibit.image.ewf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The 76-byte descriptor that starts every section: type (16 bytes, ASCII, NUL-padded), absolute offset of the next
 * section, section size including these 76 bytes, 40 zero bytes, Adler-32 of bytes 0..71.
 *
 * @param type the section type as printable ASCII (other bytes shown as {@code \xNN})
 * @param fileOffset where this descriptor starts in its segment file, in bytes
 * @param next absolute byte offset of the next section in the same file
 * @param sizeBytes size of the section including the descriptor (0 for {@code next}/{@code done} in most writers)
 */
record SectionDescriptor(String type, long fileOffset, long next, long sizeBytes) {
    static final int BYTES = 76;
    static final int TYPE_BYTES = 16;
    private static final int CHECKSUMMED_BYTES = 72;

    static final String HEADER2 = "header2";
    static final String HEADER = "header";
    static final String VOLUME = "volume";
    static final String DISK = "disk";
    static final String DATA = "data";
    static final String SECTORS = "sectors";
    static final String TABLE = "table";
    static final String TABLE2 = "table2";
    static final String ERROR2 = "error2";
    static final String DIGEST = "digest";
    static final String HASH = "hash";
    static final String NEXT = "next";
    static final String DONE = "done";

    static byte[] encode(String type, long next, long sizeBytes) {
        byte[] b = new byte[BYTES];
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, b, 0, name.length);
        Bytes.putU64(b, 16, next);
        Bytes.putU64(b, 24, sizeBytes);
        Bytes.sealAdler(b, 0, CHECKSUMMED_BYTES);
        return b;
    }

    /** Whether the descriptor's own Adler-32 matches. */
    static boolean checksumMatches(byte[] b) {
        return Bytes.adlerMatches(b, 0, CHECKSUMMED_BYTES);
    }

    /** Parses a descriptor whose checksum was checked (or is wanted regardless, by a verifier that reports it). */
    static SectionDescriptor parse(Path file, long fileOffset, byte[] b) throws EwfFormatException {
        long next = Bytes.u64(b, 16);
        long size = Bytes.u64(b, 24);
        String type = typeOf(b);
        if (next < 0 || size < 0) {
            throw EwfFormatException.at(
                    file,
                    type,
                    fileOffset,
                    "offset or size beyond 2^63 (next " + Long.toUnsignedString(next) + ", size "
                            + Long.toUnsignedString(size) + ")");
        }
        return new SectionDescriptor(type, fileOffset, next, size);
    }

    /** The type field up to its first NUL, printable ASCII kept, anything else as {@code \xNN}. */
    static String typeOf(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < TYPE_BYTES && b[i] != 0; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }

    /** The end of the section's bytes as the size says ({@code next} and {@code done} have none after the descriptor). */
    long end() {
        return Math.addExact(fileOffset, sizeBytes);
    }

    boolean isTerminator() {
        return type.equals(NEXT) || type.equals(DONE);
    }
}

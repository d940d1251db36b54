package dev.exhibit.image.ewf;

import java.nio.file.Path;
import java.util.Arrays;

/** The 13 bytes that open every segment file: the EVF signature, 0x01, the 1-based segment number, 0x0000. */
final class FileHeader {
    static final int BYTES = 13;
    private static final byte[] SIGNATURE = {'E', 'V', 'F', 0x09, 0x0D, 0x0A, (byte) 0xFF, 0x00};
    /** Segment numbers are 16-bit; names run out earlier ({@link SegmentNames#MAX_SEGMENTS}). */
    static final int MAX_SEGMENT_NUMBER = 0xFFFF;

    private FileHeader() {}

    static byte[] encode(int segmentNumber) {
        if (segmentNumber < 1 || segmentNumber > MAX_SEGMENT_NUMBER) {
            throw new IllegalArgumentException("segment number " + segmentNumber + " outside 1.." + MAX_SEGMENT_NUMBER);
        }
        byte[] b = new byte[BYTES];
        System.arraycopy(SIGNATURE, 0, b, 0, SIGNATURE.length);
        b[8] = 0x01;
        Bytes.putU16(b, 9, segmentNumber);
        return b;
    }

    /** The segment number in a 13-byte file header; EwfFormatException names the file when it is not one. */
    static int segmentNumber(Path file, byte[] b) throws EwfFormatException {
        if (b.length < BYTES || !Arrays.equals(b, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw EwfFormatException.at(
                    file, null, 0, "not an EWF segment file (no 'EVF' signature; L01 and Ex01 are not supported)");
        }
        if (b[8] != 0x01) {
            throw EwfFormatException.at(
                    file, null, 8, "file header start-of-fields byte is " + (b[8] & 0xFF) + ", expected 1");
        }
        int n = Bytes.u16(b, 9);
        if (n == 0) {
            throw EwfFormatException.at(file, null, 9, "segment number is 0 (numbers start at 1)");
        }
        return n;
    }
}

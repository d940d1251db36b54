package dev.exhibit.image.ewf;

import java.util.Arrays;

/** The 13 bytes that open every segment file: the EVF signature, 0x01, the 1-based segment number, 0x0000. */
final class FileHeader {
    static final int BYTES = 13;
    private static final byte[] SIGNATURE = {'E', 'V', 'F', 0x09, 0x0D, 0x0A, (byte) 0xFF, 0x00};
    /** How many leading bytes {@link #hasSignature} looks at. */
    static final int SIGNATURE_BYTES = SIGNATURE.length;
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

    /** What is wrong with a 13-byte file header, or null when it is one. */
    static String problem(byte[] b) {
        if (b.length < BYTES || !hasSignature(b)) {
            return "not an EWF segment file (no 'EVF' signature; L01 and Ex01 are not supported)";
        }
        if (b[8] != 0x01) {
            return "file header start-of-fields byte is " + (b[8] & 0xFF) + ", expected 1";
        }
        if (number(b) == 0) {
            return "segment number is 0 (numbers start at 1)";
        }
        return null;
    }

    /** Whether {@code head} starts with the eight signature bytes every EWF segment file opens with. */
    static boolean hasSignature(byte[] head) {
        return head.length >= SIGNATURE.length
                && Arrays.equals(head, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    static int number(byte[] b) {
        return Bytes.u16(b, 9);
    }
}

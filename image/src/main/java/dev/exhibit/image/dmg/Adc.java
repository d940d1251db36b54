package dev.exhibit.image.dmg;

/**
 * Apple Data Compression, the LZ77 variant of UDCO images. No maintained Java decoder exists, and the format is three
 * opcodes: a control byte of 0x80 or more starts a literal run of {@code (b & 0x7f) + 1} bytes; with bit 0x40 a match
 * of {@code (b & 0x3f) + 4} bytes whose distance is the next two bytes (big-endian) plus one; otherwise a match of
 * {@code ((b >> 2) & 0x0f) + 3} bytes at distance {@code ((b & 3) << 8 | next) + 1}. Matches may overlap their output.
 */
final class Adc {
    private Adc() {}

    /**
     * Decodes {@code src} into exactly {@code dst.length} bytes.
     *
     * @return the number of bytes produced; {@code dst.length + 1} when the input would produce more (a bomb)
     * @throws IllegalArgumentException naming the input offset of a truncated opcode or a distance before the start
     */
    static int decode(byte[] src, int srcLength, byte[] dst) {
        int in = 0;
        int out = 0;
        while (in < srcLength) {
            int b = src[in] & 0xFF;
            int length;
            int distance;
            if (b >= 0x80) {
                length = (b & 0x7F) + 1;
                if (in + 1 + length > srcLength) {
                    throw new IllegalArgumentException("literal run at input byte " + in + " is truncated");
                }
                if (out + length > dst.length) {
                    return dst.length + 1;
                }
                System.arraycopy(src, in + 1, dst, out, length);
                in += 1 + length;
                out += length;
                continue;
            }
            if ((b & 0x40) != 0) {
                if (in + 3 > srcLength) {
                    throw new IllegalArgumentException("match at input byte " + in + " is truncated");
                }
                length = (b & 0x3F) + 4;
                distance = ((src[in + 1] & 0xFF) << 8 | (src[in + 2] & 0xFF)) + 1;
                in += 3;
            } else {
                if (in + 2 > srcLength) {
                    throw new IllegalArgumentException("match at input byte " + in + " is truncated");
                }
                length = ((b >> 2) & 0x0F) + 3;
                distance = ((b & 3) << 8 | (src[in + 1] & 0xFF)) + 1;
                in += 2;
            }
            if (distance > out) {
                throw new IllegalArgumentException("match at input byte " + (in - 2) + " reaches " + distance
                        + " bytes back, before the start of the chunk (output byte " + out + ")");
            }
            if (out + length > dst.length) {
                return dst.length + 1;
            }
            for (int i = 0; i < length; i++, out++) {
                dst[out] = dst[out - distance];
            }
        }
        return out;
    }
}

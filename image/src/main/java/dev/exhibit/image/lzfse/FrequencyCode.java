package dev.exhibit.image.lzfse;

/**
 * The variable-length code of a {@code bvx2} header's symbol frequencies, read least significant bit first. By the
 * low bits of the next code word: {@code ..0} is 0 or 1 in two bits, {@code .01} 2 or 3 in three bits, {@code 011} 4
 * to 7 in five bits, {@code 0111} 8 to 23 in eight bits, {@code 1111} 24 to 1047 in fourteen bits.
 */
final class FrequencyCode {
    private static final int LONGEST_BITS = 14;

    /** Bits used and value of every 5-bit pattern; -1 marks the two patterns whose value follows in more bits. */
    private static final int[] BITS = new int[32];

    private static final int[] VALUE = new int[32];

    static {
        for (int pattern = 0; pattern < 32; pattern++) {
            if ((pattern & 1) == 0) {
                BITS[pattern] = 2;
                VALUE[pattern] = pattern >>> 1 & 1;
            } else if ((pattern & 2) == 0) {
                BITS[pattern] = 3;
                VALUE[pattern] = 2 + (pattern >>> 2 & 1);
            } else if ((pattern & 4) == 0) {
                BITS[pattern] = 5;
                VALUE[pattern] = 4 + (pattern >>> 3 & 3);
            } else {
                BITS[pattern] = (pattern & 8) == 0 ? 8 : LONGEST_BITS;
                VALUE[pattern] = -1;
            }
        }
    }

    private FrequencyCode() {}

    /** Fills {@code frequencies} from {@code b[at, end)}, which must hold exactly the code, padded to a byte. */
    static void unpack(byte[] b, int at, int end, int[] frequencies, Lzfse.Block block) throws LzfseException {
        int accum = 0;
        int bits = 0;
        for (int i = 0; i < frequencies.length; i++) {
            while (bits < LONGEST_BITS && at < end) {
                accum |= (b[at++] & 0xff) << bits;
                bits += 8;
            }
            int pattern = accum & 31;
            int used = BITS[pattern];
            if (used > bits) {
                throw block.fail(
                        "bvx2", "the header's frequency code ends inside symbol " + i + " of " + frequencies.length);
            }
            int value = VALUE[pattern];
            if (used == 8) {
                value = 8 + (accum >>> 4 & 0xf);
            } else if (used == LONGEST_BITS) {
                value = 24 + (accum >>> 4 & 0x3ff);
            }
            frequencies[i] = value;
            accum >>>= used;
            bits -= used;
        }
        if (bits >= 8 || at != end) {
            throw block.fail(
                    "bvx2",
                    "the header's frequency code ends " + (end - at + bits / 8) + " bytes before the header's end"
                            + " (its size field says " + (end - block.start()) + " bytes)");
        }
    }
}

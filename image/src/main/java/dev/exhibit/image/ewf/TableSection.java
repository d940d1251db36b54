package dev.exhibit.image.ewf;

/**
 * The payload of {@code table} and {@code table2}: a 24-byte header (entry count, 4 zero bytes, 64-bit base offset, 4
 * zero bytes, Adler-32 of bytes 0..19), one 32-bit entry per chunk (bit 31: stored compressed; bits 0..30: start of
 * the chunk relative to the base offset), and the Adler-32 of the entries. table2 is a byte-identical copy.
 * EnCase 6 writers put the offset of the sectors descriptor in the base; FTK and EnCase 1..5 write 0 and absolute
 * entries.
 */
final class TableSection {
    static final int HEADER_BYTES = SegmentBudget.TABLE_HEADER_BYTES;
    static final int COMPRESSED_BIT = 0x8000_0000;
    static final int OFFSET_MASK = 0x7FFF_FFFF;

    private TableSection() {}

    /** The payload for the first {@code count} entries of {@code entries}, relative to {@code baseOffset}. */
    static byte[] encode(int[] entries, int count, long baseOffset) {
        byte[] b = new byte[HEADER_BYTES + 4 * count + SegmentBudget.TABLE_FOOTER_BYTES];
        Bytes.putU32(b, 0, count);
        Bytes.putU64(b, 8, baseOffset);
        Bytes.sealAdler(b, 0, HEADER_BYTES - 4);
        for (int i = 0; i < count; i++) {
            Bytes.putI32(b, HEADER_BYTES + 4 * i, entries[i]);
        }
        Bytes.sealAdler(b, HEADER_BYTES, 4 * count);
        return b;
    }

    static boolean headerChecksumMatches(byte[] header) {
        return Bytes.adlerMatches(header, 0, HEADER_BYTES - 4);
    }

    static long entryCount(byte[] header) {
        return Bytes.u32(header, 0);
    }

    /** The 64-bit base offset, negative when it is beyond 2^63 (the caller rejects it). */
    static long baseOffset(byte[] header) {
        return Bytes.u64(header, 8);
    }

    static long offsetOf(int entry) {
        return entry & OFFSET_MASK;
    }

    static boolean isCompressed(int entry) {
        return (entry & COMPRESSED_BIT) != 0;
    }
}

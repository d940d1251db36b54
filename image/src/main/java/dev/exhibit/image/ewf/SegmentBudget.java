package dev.exhibit.image.ewf;

/**
 * Room in a segment file: what a chunk group and the closing sections need, so the writer starts a new group or a new
 * segment before a group's offsets pass 31 bits, a table passes its entry limit, or a segment its size.
 */
final class SegmentBudget {
    /**
     * Entries per table: EnCase 6 and later read up to 65 534, older EnCase and FTK 1 only 16 375. The lower limit is
     * kept because every reader takes it, and because a chunk group is what a resumed acquisition keeps: with 32 KiB
     * chunks a kill loses at most 512 MiB of media to read again, not 2 GiB.
     */
    static final int MAX_TABLE_ENTRIES = 16_375;
    /** Table entries hold 31-bit offsets from the sectors descriptor; bit 31 flags compression. */
    static final long MAX_GROUP_SPAN_BYTES = 0x7FFF_FFFFL;

    static final int TABLE_HEADER_BYTES = 24;
    static final int TABLE_FOOTER_BYTES = 4;
    static final int VOLUME_SECTION_BYTES = SectionDescriptor.BYTES + VolumeSection.BYTES;
    static final int DIGEST_SECTION_BYTES = SectionDescriptor.BYTES + HashSections.DIGEST_BYTES;
    static final int HASH_SECTION_BYTES = SectionDescriptor.BYTES + HashSections.HASH_BYTES;

    /** What the last segment needs after its last table2: data, error2 with reserved entries, digest, hash, done. */
    static final long CLOSING_BYTES = VOLUME_SECTION_BYTES
            + Error2Section.sectionBytes(EwfLayout.ERROR2_RESERVED_ENTRIES)
            + DIGEST_SECTION_BYTES
            + HASH_SECTION_BYTES
            + SectionDescriptor.BYTES;

    private SegmentBudget() {}

    /** One table section (table2 is the same size). */
    static long tableSectionBytes(int entries) {
        return SectionDescriptor.BYTES + TABLE_HEADER_BYTES + 4L * entries + TABLE_FOOTER_BYTES;
    }

    /** Whether a segment whose next free byte is {@code position} can take a chunk and still close. */
    static boolean fits(long segmentBytes, long position, long storedBytes, int entriesAfter) {
        long need = position + storedBytes + 2 * tableSectionBytes(entriesAfter) + CLOSING_BYTES;
        return need <= segmentBytes;
    }

    /** The smallest segment that holds a later segment's data section and one worst-case chunk in its own group. */
    static long smallestSegment(int chunkBytes) {
        return FileHeader.BYTES
                + VOLUME_SECTION_BYTES
                + SectionDescriptor.BYTES
                + chunkBytes
                + 4L
                + 2 * tableSectionBytes(1)
                + CLOSING_BYTES;
    }

    /** Segments needed if no chunk compressed at all and every group were cut short by the segment's end. */
    static long worstCaseSegments(long chunks, int chunkBytes, long segmentBytes) {
        long perChunk = chunkBytes + 4L + 4L;
        long usable = segmentBytes - smallestSegment(chunkBytes) + perChunk;
        long perSegment = Math.max(1, usable / perChunk);
        return (chunks - 1) / perSegment + 1;
    }
}

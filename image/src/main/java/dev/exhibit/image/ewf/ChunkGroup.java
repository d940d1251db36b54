package dev.exhibit.image.ewf;

/**
 * One sectors + table (+ table2) group: where its chunks are and which chunks they are.
 *
 * @param segment index into the set's segment list (0 for .E01)
 * @param sectorsEnd where the chunk data ends in the file (the last chunk's stored size runs up to here), in bytes
 * @param baseOffset what the table's entries are relative to (the sectors descriptor's offset, or 0 in old files)
 * @param tableOffset file offset of the table section's descriptor, in bytes
 * @param table2Offset file offset of the table2 descriptor, or -1 when there is none
 * @param firstChunk media chunk index of the first entry
 * @param entries number of chunks in the group
 */
record ChunkGroup(
        int segment,
        long sectorsEnd,
        long baseOffset,
        long tableOffset,
        long table2Offset,
        long firstChunk,
        int entries) {
    long endChunk() {
        return firstChunk + entries;
    }

    /** File offset of the table's first entry. */
    long entriesOffset() {
        return tableOffset + SectionDescriptor.BYTES + TableSection.HEADER_BYTES;
    }
}

package dev.exhibit.image.dmg;

/**
 * One run of the media as a {@code mish} table describes it, in absolute terms.
 *
 * @param type how its bytes are stored
 * @param region index of its region in the {@code blkx} array
 * @param index index of its entry in the region's table
 * @param tableOffset byte offset in the file of the XML plist holding the table (for messages)
 * @param startSector first media sector (512 bytes) it fills
 * @param sectorCount how many sectors it fills
 * @param fileOffset byte offset of its stored bytes in the file
 * @param storedBytes length of its stored bytes
 */
record Chunk(
        ChunkType type,
        int region,
        int index,
        long tableOffset,
        long startSector,
        long sectorCount,
        long fileOffset,
        long storedBytes) {
    long startByte() {
        return startSector * 512;
    }

    long endByte() {
        return (startSector + sectorCount) * 512;
    }

    /** {@code TYPE chunk N of region R (media bytes A-B, stored at byte F)} for messages. */
    String describe() {
        return type.label + " chunk " + index + " of region " + region + " (media bytes " + startByte() + "-"
                + endByte() + ", stored at file byte " + fileOffset + ", " + storedBytes + " bytes)";
    }
}

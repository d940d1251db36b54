package dev.exhibit.image.ewf;

/**
 * The shape of an E01 set: media size, sector and chunk sizes, segment size and compression, and the media flags.
 * The constructor validates; its IllegalArgumentException names the option ({@code --segment-size},
 * {@code --chunk-sectors}) and the value.
 *
 * @param mediaBytes size of the media, a multiple of {@code bytesPerSector}
 * @param bytesPerSector 512, 1024, 2048 or 4096
 * @param sectorsPerChunk a power of two from 64 to 32768 (what EnCase accepts)
 * @param segmentBytes the most bytes a segment file holds (the last may exceed it by error2 entries beyond
 *     {@link #ERROR2_RESERVED_ENTRIES}, and segment 1 by header text beyond the first chunk's room)
 * @param physical whether the media is a whole device (EnCase checks this flag against the partition table)
 * @param removable media type 0 (removable) rather than 1 (fixed)
 */
public record EwfLayout(
        long mediaBytes,
        int bytesPerSector,
        int sectorsPerChunk,
        long segmentBytes,
        EwfCompression compression,
        boolean physical,
        boolean removable) {
    /** 1 MiB, as ewfacquire. */
    public static final long MIN_SEGMENT_BYTES = 1L << 20;
    /** 1500 MiB, ewfacquire's default (shown by it as 1.4 GiB). */
    public static final long DEFAULT_SEGMENT_BYTES = 1_572_864_000L;
    /** 4 EiB: in practice one file. Segments above 2 GiB need EnCase 6.7 or later (64-bit table base offsets). */
    public static final long MAX_SEGMENT_BYTES = 1L << 62;

    public static final int DEFAULT_SECTORS_PER_CHUNK = 64;
    static final int MIN_SECTORS_PER_CHUNK = 64;
    static final int MAX_SECTORS_PER_CHUNK = 32768;
    /** 16 MiB (32768 sectors of 512 bytes): the largest chunk EnCase writes. */
    static final int MAX_CHUNK_BYTES = 16 << 20;

    static final int MIN_SECTOR_BYTES = 512;
    static final int MAX_SECTOR_BYTES = 4096;
    /** The volume section's chunk count is 32-bit. */
    static final long MAX_CHUNKS = 0xFFFF_FFFFL;

    /** Bad-sector runs the writer keeps room for at the end of the last segment. */
    public static final int ERROR2_RESERVED_ENTRIES = 512;

    public EwfLayout {
        if (compression == null) {
            throw new IllegalArgumentException("compression must be given (none, empty-block, fast or best)");
        }
        if (bytesPerSector < MIN_SECTOR_BYTES
                || bytesPerSector > MAX_SECTOR_BYTES
                || Integer.bitCount(bytesPerSector) != 1) {
            throw new IllegalArgumentException(
                    "sector size " + bytesPerSector + " bytes is not supported in E01 (512, 1024, 2048 or 4096)");
        }
        if (mediaBytes <= 0 || mediaBytes % bytesPerSector != 0) {
            throw new IllegalArgumentException("media size " + mediaBytes + " bytes is not a positive multiple of the "
                    + bytesPerSector + "-byte sector");
        }
        if (sectorsPerChunk < MIN_SECTORS_PER_CHUNK
                || sectorsPerChunk > MAX_SECTORS_PER_CHUNK
                || Integer.bitCount(sectorsPerChunk) != 1) {
            throw new IllegalArgumentException("--chunk-sectors " + sectorsPerChunk
                    + " is not a power of two from 64 to 32768 (what EnCase accepts)");
        }
        long chunk = (long) sectorsPerChunk * bytesPerSector;
        if (chunk > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("--chunk-sectors " + sectorsPerChunk + " with " + bytesPerSector
                    + "-byte sectors makes " + chunk + "-byte chunks, more than " + MAX_CHUNK_BYTES);
        }
        long chunks = (mediaBytes - 1) / chunk + 1;
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("--chunk-sectors " + sectorsPerChunk + " gives " + chunks
                    + " chunks, more than the 4294967295 an E01 volume section counts; choose more sectors per chunk");
        }
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("--segment-size " + segmentBytes + " bytes is outside "
                    + MIN_SEGMENT_BYTES + ".." + MAX_SEGMENT_BYTES);
        }
        long oneChunk = SegmentBudget.smallestSegment((int) chunk);
        if (segmentBytes < oneChunk) {
            throw new IllegalArgumentException("--segment-size " + segmentBytes + " bytes cannot hold one " + chunk
                    + "-byte chunk and its sections (at least " + oneChunk + " bytes)");
        }
        long segments = SegmentBudget.worstCaseSegments(chunks, (int) chunk, segmentBytes);
        if (segments > SegmentNames.MAX_SEGMENTS) {
            throw new IllegalArgumentException("--segment-size " + segmentBytes + " bytes could need " + segments
                    + " segment files for " + mediaBytes + " bytes of media, more than the "
                    + SegmentNames.MAX_SEGMENTS + " names E01..ZZZ; choose a larger segment size");
        }
    }

    /** Media bytes per chunk (the last chunk may hold fewer). */
    public int chunkBytes() {
        return sectorsPerChunk * bytesPerSector;
    }

    /** Chunks in the media, the last one possibly short. */
    public long chunkCount() {
        return (mediaBytes - 1) / chunkBytes() + 1;
    }

    public long sectorCount() {
        return mediaBytes / bytesPerSector;
    }

    /** Media bytes held by chunk {@code index}. */
    int chunkMediaBytes(long index) {
        long start = index * chunkBytes();
        return (int) Math.min(chunkBytes(), mediaBytes - start);
    }
}

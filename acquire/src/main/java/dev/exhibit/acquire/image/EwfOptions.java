package dev.exhibit.acquire.image;

import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.core.Sizes;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfLayout;

/**
 * How an E01 is written: {@code --compression}, {@code --segment-size} and {@code --chunk-sectors}.
 *
 * @param segmentBytes the size a segment file may reach
 * @param sectorsPerChunk sectors per chunk, the unit that is compressed and checksummed (64: 32 KiB chunks)
 */
public record EwfOptions(EwfCompression compression, long segmentBytes, int sectorsPerChunk) {
    /** ewfacquire's and Guymager's defaults: fast compression, 1500 MiB segments, 32 KiB chunks. */
    static final int MIN_SECTORS_PER_CHUNK = 64;

    static final int MAX_SECTORS_PER_CHUNK = 32768;

    public static final EwfOptions DEFAULTS =
            new EwfOptions(EwfCompression.FAST, EwfLayout.DEFAULT_SEGMENT_BYTES, EwfLayout.DEFAULT_SECTORS_PER_CHUNK);

    /**
     * The options as the command line gives them; null means the default.
     *
     * @throws IllegalArgumentException naming the option and the value that the E01 format or its readers refuse
     */
    public static EwfOptions parse(String compression, String segmentSize, Integer chunkSectors) {
        EwfCompression level = compression == null ? DEFAULTS.compression() : EwfCompression.parse(compression);
        long segment = segmentSize == null ? DEFAULTS.segmentBytes() : Sizes.parse(segmentSize);
        if (segment < EwfLayout.MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("--segment-size " + segmentSize + " (" + segment + " bytes) is below"
                    + " the minimum of " + Sizes.describe(EwfLayout.MIN_SEGMENT_BYTES)
                    + " that ewfacquire and EnCase accept");
        }
        int sectors = chunkSectors == null ? DEFAULTS.sectorsPerChunk() : chunkSectors;
        if (sectors < MIN_SECTORS_PER_CHUNK || sectors > MAX_SECTORS_PER_CHUNK || Integer.bitCount(sectors) != 1) {
            throw new IllegalArgumentException("--chunk-sectors " + sectors + ": EnCase accepts a power of two from "
                    + MIN_SECTORS_PER_CHUNK + " to " + MAX_SECTORS_PER_CHUNK + " sectors per chunk (64 makes the 32"
                    + " KiB chunks every tool expects)");
        }
        return new EwfOptions(level, segment, sectors);
    }

    /**
     * Refuses any fill but zeros: an E01 holds zeros at unreadable sectors, as EnCase, ewfacquire and Guymager write
     * them, and lists them in error2; readers show error2, not a pattern in the data.
     *
     * @throws IllegalArgumentException naming the fill given
     */
    public static void requireZeroFill(FillPattern fill) {
        if (!fill.description().equals(FillPattern.ZEROS.description())) {
            throw new IllegalArgumentException("--fill " + fill.description() + ": an E01 holds zeros at unreadable"
                    + " sectors, as EnCase, ewfacquire and Guymager write them, and lists them in its error2 section"
                    + " (leave --fill out, or use --format raw for another fill)");
        }
    }

    /**
     * The E01 layout for a source of {@code mediaBytes} in sectors of {@code bytesPerSector}.
     *
     * @throws IllegalArgumentException naming the option and value the E01 format does not allow
     */
    public EwfLayout layout(long mediaBytes, int bytesPerSector, boolean removable) {
        if (mediaBytes % bytesPerSector != 0) {
            throw new IllegalArgumentException("--format e01: the source has " + mediaBytes + " bytes, not a whole"
                    + " number of " + bytesPerSector + "-byte sectors, and an E01 holds whole sectors (use --format"
                    + " raw, which keeps the last " + mediaBytes % bytesPerSector + " bytes as they are)");
        }
        // physical: Exhibit acquires whole disks (or images of them), never a logical selection of files
        return new EwfLayout(mediaBytes, bytesPerSector, sectorsPerChunk, segmentBytes, compression, true, removable);
    }
}

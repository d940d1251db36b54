package dev.exhibit.image.ewf;

import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads the media of an E01 set made by any tool (EnCase, FTK Imager, libewf, Guymager, Exhibit), opened from its
 * first segment. Opening checks the structure enough to read: every segment present and in order, every section
 * descriptor, the volume, the tables, the end of the set. Reads decode chunks on demand (with a few kept) and check
 * each one; a corrupt chunk or a missing segment is one EwfFormatException naming the segment file, the chunk and the
 * media byte offset. Full verification is {@link EwfCheck}'s.
 */
public final class EwfReader implements MediaReader {
    private final EwfInfo info;
    private final SegmentChannels channels;
    private final ChunkSource chunks;

    private EwfReader(EwfInfo info, SegmentChannels channels, ChunkSource chunks) {
        this.info = info;
        this.channels = channels;
        this.chunks = chunks;
    }

    /** How many bytes from the start of a file {@link #startsLikeEwf} needs. */
    public static final int SIGNATURE_BYTES = FileHeader.SIGNATURE_BYTES;

    /**
     * Whether a file's first bytes are the signature of an EWF segment ("EVF", TAB, CR, LF, 0xFF, 0): detection by
     * content, not by extension. Callers read the bytes as suits them (a source is read with direct I/O).
     */
    public static boolean startsLikeEwf(byte[] head) {
        return FileHeader.hasSignature(head);
    }

    /** Opens the set whose first segment ({@code NAME.E01}) is given; EwfFormatException on bad structure. */
    public static EwfReader open(Path firstSegment) throws IOException {
        SegmentChannels channels = new SegmentChannels();
        try {
            SetContents set = new SetParser(Findings.strict(), channels).parse(firstSegment);
            EwfInfo info = set.info();
            ChunkSource chunks = new ChunkSource(set.segments(), set.groups(), info.mediaBytes(), info.chunkBytes());
            return new EwfReader(info, channels, chunks);
        } catch (IOException | RuntimeException e) {
            channels.close();
            throw e;
        }
    }

    /** Header fields, volume values, stored MD5/SHA-1 (null when absent), error2 ranges, segment files. */
    public EwfInfo info() {
        return info;
    }

    @Override
    public long sizeBytes() {
        return info.mediaBytes();
    }

    @Override
    public int sectorBytes() {
        return info.bytesPerSector();
    }

    @Override
    public String format() {
        return "e01";
    }

    @Override
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        return chunks.read(byteOffset, dst);
    }

    @Override
    public void close() throws IOException {
        try {
            chunks.close();
        } finally {
            channels.close();
        }
    }
}

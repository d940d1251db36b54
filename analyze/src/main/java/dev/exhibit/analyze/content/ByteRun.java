package dev.exhibit.analyze.content;

/**
 * Where a piece of a stream lies, as DFXML's {@code byte_run} says it: consecutive bytes of the stream read from
 * consecutive bytes of the file system, or stored as nothing (sparse), inside the metadata (NTFS resident data) or
 * compressed.
 *
 * @param fileOffset where the piece starts in the stream
 * @param fsOffset where it starts in the file system, for {@link Kind#BLOCKS} (-1 otherwise)
 */
public record ByteRun(long fileOffset, long fsOffset, long lengthBytes, Kind kind) {
    /** How the piece is stored. */
    public enum Kind {
        BLOCKS,
        SPARSE,
        RESIDENT,
        COMPRESSED
    }

    /** Whether {@code next} continues this run: the same kind, next in the stream and, for blocks, on the disk. */
    boolean continuedBy(ByteRun next) {
        return next.kind == kind
                && kind != Kind.RESIDENT
                && fileOffset + lengthBytes == next.fileOffset
                && (kind != Kind.BLOCKS || fsOffset + lengthBytes == next.fsOffset);
    }

    ByteRun extendedBy(long bytes) {
        return new ByteRun(fileOffset, fsOffset, lengthBytes + bytes, kind);
    }
}

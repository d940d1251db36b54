package dev.exhibit.image.qcow2;

import dev.exhibit.image.MediaFormatException;
import java.nio.file.Path;

/**
 * One L2 entry, decoded: where a cluster's bytes are and how they are stored.
 *
 * @param cluster the cluster's index on the virtual disk
 * @param kind how it is stored
 * @param hostOffset byte offset of its bytes in the file (standard and compressed)
 * @param storedBytes bytes to read there (the whole cluster, or the compressed length bound)
 * @param entryOffset byte offset of the L2 entry itself, for messages
 */
record ClusterEntry(long cluster, Kind kind, long hostOffset, long storedBytes, long entryOffset) {
    enum Kind {
        UNALLOCATED,
        ZERO,
        STANDARD,
        COMPRESSED
    }

    private static final long COMPRESSED_BIT = 1L << 62;

    static ClusterEntry unallocated(long cluster) {
        return new ClusterEntry(cluster, Kind.UNALLOCATED, 0, 0, 0);
    }

    static ClusterEntry decode(Path file, Qcow2Header h, long cluster, long raw, long entryOffset, long fileBytes)
            throws MediaFormatException {
        String where = "L2 entry for cluster " + cluster;
        if ((raw & COMPRESSED_BIT) != 0) {
            int x = 62 - (h.clusterBits() - 8);
            long offset = raw & ((1L << x) - 1);
            long sectors = (raw >>> x) & ((1L << (h.clusterBits() - 8)) - 1);
            long stored = (sectors + 1) * 512 - (offset & 511);
            if (offset < h.clusterBytes() || offset >= fileBytes) {
                throw MediaFormatException.at(
                        file,
                        where,
                        entryOffset,
                        "compressed cluster at byte " + offset + " lies inside the header or past the end of the file ("
                                + fileBytes + " bytes)");
            }
            // qemu's bound may reach past the end of the file for the last cluster: read what is there
            return new ClusterEntry(
                    cluster, Kind.COMPRESSED, offset, Math.min(stored, fileBytes - offset), entryOffset);
        }
        if (h.version() >= 3 && (raw & 1) != 0) {
            return new ClusterEntry(cluster, Kind.ZERO, 0, 0, entryOffset);
        }
        long offset = raw & Qcow2Header.OFFSET_MASK;
        if (offset == 0) {
            return unallocated(cluster);
        }
        if ((offset & (h.clusterBytes() - 1)) != 0
                || offset < h.clusterBytes()
                || offset + h.clusterBytes() > fileBytes) {
            throw MediaFormatException.at(
                    file,
                    where,
                    entryOffset,
                    "data cluster at byte " + offset + " is unaligned, inside the header, or past the end of the file ("
                            + fileBytes + " bytes)");
        }
        return new ClusterEntry(cluster, Kind.STANDARD, offset, h.clusterBytes(), entryOffset);
    }

    String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " cluster " + cluster + " at file byte " + hostOffset
                + " (L2 entry at byte " + entryOffset + ")";
    }
}

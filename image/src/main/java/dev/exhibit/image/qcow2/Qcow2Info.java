package dev.exhibit.image.qcow2;

import java.io.IOException;

/**
 * What a QCOW2 image says about itself, for the summary.
 *
 * @param version 2 or 3
 * @param clusterBytes cluster size in bytes
 * @param mediaBytes the virtual disk's size in bytes
 * @param backingFile the backing file's name as the image stores it (empty: none)
 * @param snapshots internal snapshots (the active state is what is read)
 * @param dirty whether the image was not closed cleanly (refcounts may be stale; data is read as it is)
 * @param markedCorrupt whether qemu marked the image corrupt
 * @param storedClusters clusters stored uncompressed
 * @param compressedClusters clusters stored zlib-compressed
 * @param zeroClusters clusters marked as reading zeros
 * @param unallocatedClusters clusters not in this file (zeros, or the backing file's)
 */
public record Qcow2Info(
        int version,
        long clusterBytes,
        long mediaBytes,
        String backingFile,
        int snapshots,
        boolean dirty,
        boolean markedCorrupt,
        long storedClusters,
        long compressedClusters,
        long zeroClusters,
        long unallocatedClusters) {

    static Qcow2Info of(Qcow2Reader reader, Qcow2Header h, String backingName) throws IOException {
        long[] counts = reader.census();
        return new Qcow2Info(
                h.version(),
                h.clusterBytes(),
                h.mediaBytes(),
                backingName,
                h.snapshots(),
                (h.incompatible() & Qcow2Header.DIRTY) != 0,
                (h.incompatible() & Qcow2Header.CORRUPT) != 0,
                counts[ClusterEntry.Kind.STANDARD.ordinal()],
                counts[ClusterEntry.Kind.COMPRESSED.ordinal()],
                counts[ClusterEntry.Kind.ZERO.ordinal()],
                counts[ClusterEntry.Kind.UNALLOCATED.ordinal()]);
    }
}

package dev.exhibit.index;

import java.util.List;

/**
 * One file or stream found by a search, with where it came from: the analysis file (relative to the case), its
 * SHA-256 when it was indexed, and the line.
 *
 * @param hashSets the sets that hold its content, each {@code name} and {@code kind}
 */
public record FileRow(
        String item,
        String partition,
        String path,
        byte[] pathBytes,
        String name,
        byte[] nameBytes,
        String stream,
        String inode,
        String metaType,
        Boolean deleted,
        Boolean orphan,
        Boolean reallocated,
        Long sizeBytes,
        String mtime,
        String atime,
        String ctime,
        String crtime,
        String md5,
        String sha1,
        String sha256,
        String sha512,
        String mediaType,
        Boolean extensionMismatch,
        List<HashSetHit> hashSets,
        String sourceFile,
        String sourceSha256,
        long sourceLine) {

    /** A hash set that holds the row's content. */
    public record HashSetHit(String name, String kind) {}

    public boolean notable() {
        return hashSets.stream().anyMatch(h -> "notable".equals(h.kind()));
    }
}

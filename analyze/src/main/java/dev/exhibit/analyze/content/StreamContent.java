package dev.exhibit.analyze.content;

import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.core.digest.HashAlgorithm;
import java.util.HexFormat;
import java.util.List;

/**
 * What reading one data stream found.
 *
 * @param bytes how many bytes the digests cover: every byte libtsk delivered, and the unreadable ones as zeros
 * @param algorithms the digests computed, in the order asked
 * @param digests one per algorithm; unreadable runs are hashed as zero bytes, so that a digest always covers the
 *     stream's length
 * @param unreadable the runs libtsk could not read, in stream order (empty when the content is complete)
 * @param mayBeReused the content need not be the file's own: its name is deleted or its metadata unallocated, so
 *     its clusters were free for other files (or, reallocated, belong to another one)
 * @param reusedBytes bytes of such a stream read from blocks the file system marks in use now: certainly another
 *     file's (0 for live files)
 * @param type the media type found from the content, or {@code null} when not asked
 * @param runs where the stream lies, in stream order (empty when not asked); the parts read after an unreadable
 *     run are not located
 * @param hashSets the hash sets that hold one of the digests, or {@code null} when none was asked
 */
public record StreamContent(
        long bytes,
        List<HashAlgorithm> algorithms,
        List<byte[]> digests,
        List<Unreadable> unreadable,
        boolean mayBeReused,
        long reusedBytes,
        MediaTypes.Detection type,
        List<ByteRun> runs,
        List<HashSetManifest> hashSets) {
    /**
     * A run of the stream libtsk could not read.
     *
     * @param byteOffset where it starts in the stream
     * @param reason libtsk's message
     */
    public record Unreadable(long byteOffset, long lengthBytes, String reason) {}

    public StreamContent {
        algorithms = List.copyOf(algorithms);
        hashSets = hashSets == null ? null : List.copyOf(hashSets);
        digests = List.copyOf(digests);
        unreadable = List.copyOf(unreadable);
        runs = List.copyOf(runs);
    }

    /** The same, found in {@code sets} (empty: in none). */
    public StreamContent in(List<HashSetManifest> sets) {
        return new StreamContent(bytes, algorithms, digests, unreadable, mayBeReused, reusedBytes, type, runs, sets);
    }

    /** The digest by {@code a} as lowercase hex, or {@code null} when it was not computed. */
    public String hex(HashAlgorithm a) {
        int i = algorithms.indexOf(a);
        return i < 0 ? null : HexFormat.of().formatHex(digests.get(i));
    }

    public boolean complete() {
        return unreadable.isEmpty();
    }
}

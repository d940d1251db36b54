package dev.exhibit.analyze.content;

import dev.exhibit.analyze.hashset.HashSetChoice;
import dev.exhibit.core.digest.HashAlgorithm;
import java.util.List;

/**
 * What a listing reads of each data stream.
 *
 * @param algorithms the digests to compute, in the order given (empty: none)
 * @param types whether to find each stream's media type from its content
 * @param threads how many streams are read at once
 * @param byteRuns whether to note where each stream lies ({@link ByteRun})
 * @param hashSets the sets each stream's digests are looked up in ({@link HashSetChoice#NONE}: none)
 */
public record ContentOptions(
        List<HashAlgorithm> algorithms, boolean types, int threads, boolean byteRuns, HashSetChoice hashSets) {
    /** Nothing: the listing reads no content. */
    public static final ContentOptions NONE = new ContentOptions(List.of(), false, 1);

    public ContentOptions(List<HashAlgorithm> algorithms, boolean types, int threads) {
        this(algorithms, types, threads, false, HashSetChoice.NONE);
    }

    public ContentOptions {
        algorithms = List.copyOf(algorithms);
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
        }
    }

    /** The given digests and types, read by as many threads as there are processors. */
    public static ContentOptions of(List<HashAlgorithm> algorithms, boolean types) {
        return new ContentOptions(algorithms, types, Runtime.getRuntime().availableProcessors());
    }

    /** The same, noting where each stream lies. */
    public ContentOptions withByteRuns() {
        return new ContentOptions(algorithms, types, threads, true, hashSets);
    }

    /** The same, looking each stream's digests up in {@code sets}. */
    public ContentOptions lookingUp(HashSetChoice sets) {
        return new ContentOptions(algorithms, types, threads, byteRuns, sets);
    }

    /** Whether any content is read at all. */
    public boolean any() {
        return !algorithms.isEmpty() || types || byteRuns;
    }
}

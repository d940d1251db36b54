package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;

/** Where a reader of a hash list puts each digest it reads; {@code digest} is reused for the next one. */
@FunctionalInterface
interface DigestSink {
    void accept(HashAlgorithm algorithm, byte[] digest) throws IOException;
}

package dev.exhibit.acquire.pipeline;

import dev.exhibit.core.digest.HashAlgorithm;
import java.security.MessageDigest;
import java.util.HexFormat;

/** One whole-image digest, fed every byte in image order. */
final class DigestStage extends Stage {
    private final HashAlgorithm algorithm;
    private final MessageDigest digest;
    private volatile String hex;

    DigestStage(HashAlgorithm algorithm) {
        super(algorithm.id());
        this.algorithm = algorithm;
        this.digest = algorithm.newDigest();
    }

    @Override
    void accept(Chunk chunk) {
        digest.update(chunk.data().asByteBuffer());
    }

    @Override
    void finish() {
        hex = HexFormat.of().formatHex(digest.digest());
    }

    HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The lowercase hex digest, once the stage has finished. */
    String hex() {
        return hex;
    }
}

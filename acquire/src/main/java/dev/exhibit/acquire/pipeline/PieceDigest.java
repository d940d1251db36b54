package dev.exhibit.acquire.pipeline;

import dev.exhibit.core.digest.HashAlgorithm;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The SHA-256 of each consecutive piece of {@code pieceBytes} from image byte 0 (windows, segment files). */
final class PieceDigest {
    /** Receives each piece once all its bytes are hashed. */
    @FunctionalInterface
    interface Completed {
        void piece(long index, long byteOffset, long lengthBytes, String sha256) throws Exception;
    }

    private final long pieceBytes;
    private final MessageDigest digest = HashAlgorithm.SHA256.newDigest();
    private long index;
    private long start;
    private long hashedEnd;

    PieceDigest(long pieceBytes) {
        this.pieceBytes = pieceBytes;
    }

    void update(Chunk chunk, Completed completed) throws Exception {
        long pos = chunk.byteOffset();
        while (pos < chunk.endByte()) {
            long upto = Math.min(chunk.endByte(), start + pieceBytes);
            digest.update(chunk.slice(pos, upto).asByteBuffer());
            pos = upto;
            hashedEnd = upto;
            if (upto == start + pieceBytes) {
                complete(completed);
            }
        }
    }

    /** Completes the last, shorter piece, if any bytes of it were hashed. */
    void finish(Completed completed) throws Exception {
        if (hashedEnd > start) {
            complete(completed);
        }
    }

    /** How many pieces were completed. */
    long count() {
        return index;
    }

    long hashedEnd() {
        return hashedEnd;
    }

    private void complete(Completed completed) throws Exception {
        long i = index++;
        long from = start;
        start = hashedEnd;
        completed.piece(i, from, hashedEnd - from, HexFormat.of().formatHex(digest.digest()));
    }
}

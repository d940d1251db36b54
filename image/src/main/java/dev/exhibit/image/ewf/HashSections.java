package dev.exhibit.image.ewf;

import java.util.Arrays;

/**
 * The {@code hash} payload (MD5, 16 unused bytes, Adler-32 of the first 32) and the {@code digest} payload (MD5,
 * SHA-1, 40 zero bytes, Adler-32 of the first 76). Both hash the media bytes, not the files.
 */
final class HashSections {
    static final int HASH_BYTES = 36;
    static final int DIGEST_BYTES = 80;
    static final int MD5_BYTES = 16;
    static final int SHA1_BYTES = 20;

    private HashSections() {}

    static byte[] hash(byte[] md5) {
        requireLength("MD5", md5, MD5_BYTES);
        byte[] b = new byte[HASH_BYTES];
        System.arraycopy(md5, 0, b, 0, MD5_BYTES);
        Bytes.sealAdler(b, 0, HASH_BYTES - 4);
        return b;
    }

    static byte[] digest(byte[] md5, byte[] sha1) {
        requireLength("MD5", md5, MD5_BYTES);
        requireLength("SHA-1", sha1, SHA1_BYTES);
        byte[] b = new byte[DIGEST_BYTES];
        System.arraycopy(md5, 0, b, 0, MD5_BYTES);
        System.arraycopy(sha1, 0, b, MD5_BYTES, SHA1_BYTES);
        Bytes.sealAdler(b, 0, DIGEST_BYTES - 4);
        return b;
    }

    static byte[] md5Of(byte[] payload) {
        return Arrays.copyOfRange(payload, 0, MD5_BYTES);
    }

    static byte[] sha1Of(byte[] digestPayload) {
        return Arrays.copyOfRange(digestPayload, MD5_BYTES, MD5_BYTES + SHA1_BYTES);
    }

    private static void requireLength(String name, byte[] value, int bytes) {
        if (value == null || value.length != bytes) {
            throw new IllegalArgumentException(
                    name + " must be " + bytes + " bytes, got " + (value == null ? "none" : value.length));
        }
    }
}

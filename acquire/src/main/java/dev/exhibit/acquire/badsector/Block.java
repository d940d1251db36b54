package dev.exhibit.acquire.badsector;

/**
 * A run of bytes of the source with one status: bytes [byteOffset, byteOffset + lengthBytes).
 *
 * @param byteOffset first byte of the block in the source
 * @param lengthBytes length in bytes, positive
 */
public record Block(long byteOffset, long lengthBytes, BlockStatus status) {
    public Block {
        if (byteOffset < 0 || lengthBytes <= 0) {
            throw new IllegalArgumentException("block at byte " + byteOffset + " of " + lengthBytes
                    + " bytes: offset must not be negative and length must be positive");
        }
        Math.addExact(byteOffset, lengthBytes);
    }

    /** The byte after the block (exclusive end). */
    public long endByte() {
        return byteOffset + lengthBytes;
    }
}

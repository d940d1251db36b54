package dev.exhibit.image.lzfse;

import java.io.IOException;

/**
 * An LZFSE stream that cannot be decoded, naming the block ({@code bvx2}, {@code bvxn}, ... or {@code stream} when no
 * block magic could be read) and the byte offset of that block from the start of the stream.
 */
public final class LzfseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String block;
    private final long blockByteOffset;

    LzfseException(String block, long blockByteOffset, String problem) {
        super(block + " block at byte " + blockByteOffset + ": " + problem);
        this.block = block;
        this.blockByteOffset = blockByteOffset;
    }

    /** The kind of block that failed, as its magic reads ({@code bvx2}), or {@code stream}. */
    public String block() {
        return block;
    }

    /** Where the failing block starts, in bytes from the start of the stream. */
    public long blockByteOffset() {
        return blockByteOffset;
    }
}

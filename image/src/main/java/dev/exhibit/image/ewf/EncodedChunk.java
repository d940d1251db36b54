package dev.exhibit.image.ewf;

/**
 * A chunk as stored: the bytes to write (a zlib stream, or the raw bytes followed by their little-endian Adler-32) and
 * whether they are compressed. {@code stored} may be shared between chunks (the cached all-zero chunk): never modify it.
 *
 * @param mediaLength how many media bytes the chunk holds (the chunk size, or less for the last chunk)
 */
public record EncodedChunk(byte[] stored, boolean compressed, int mediaLength) {
    public EncodedChunk {
        if (stored == null || stored.length == 0) {
            throw new IllegalArgumentException("an encoded chunk needs stored bytes");
        }
        if (mediaLength <= 0) {
            throw new IllegalArgumentException("mediaLength " + mediaLength + " must be positive");
        }
    }
}

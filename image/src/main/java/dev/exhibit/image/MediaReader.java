package dev.exhibit.image;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Random-access reads of decoded media bytes, whatever the container. */
public interface MediaReader extends AutoCloseable {
    /** Size of the media in bytes (what an acquisition of the original source hashed). */
    long sizeBytes();

    /** Bytes per sector of the media. */
    int sectorBytes();

    /** Container format, lowercase: {@code e01}, ... */
    String format();

    /**
     * Fills {@code dst} from media byte {@code byteOffset} (fewer bytes only at the end of the media); errors name the
     * file, the chunk and the offset.
     *
     * @return the number of bytes read, -1 at or beyond the end of the media
     */
    int read(long byteOffset, ByteBuffer dst) throws IOException;

    @Override
    void close() throws IOException;
}

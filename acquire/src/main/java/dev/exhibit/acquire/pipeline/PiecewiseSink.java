package dev.exhibit.acquire.pipeline;

import java.io.IOException;

/**
 * Receives the piecewise facts of an image in image order: unreadable runs, window hashes, segment hashes. An
 * acquisition logs them; a verification compares them with what was logged. Called from the pipeline's threads.
 */
public interface PiecewiseSink {
    /** A maximal run of filled sectors; always reported before the window that holds its last sector. */
    void badRun(BadRun run) throws IOException;

    /** The SHA-256 of image bytes [byteOffset, byteOffset + lengthBytes), window number {@code index} from 0. */
    void window(long index, long byteOffset, long lengthBytes, String sha256) throws IOException;

    /** The SHA-256 of segment file number {@code index} (from 1), which holds image bytes from {@code byteOffset}. */
    void segment(int index, long byteOffset, long lengthBytes, String sha256) throws IOException;
}

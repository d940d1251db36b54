package dev.exhibit.acquire.image;

import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.ImageSink;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * The image an acquisition writes, whatever its format: raw files written in place ({@link ImageFiles}), or an E01 set
 * that only grows at its end ({@link EwfOutput}). The pipeline's writer feeds it; the rescue's frontier reads back
 * what it wrote to hash skipped areas once they are resolved, and a resume reads back what it kept.
 */
public sealed interface ImageOutput extends ImageSink, AutoCloseable permits ImageFiles, EwfOutput {
    ImageLayout layout();

    /**
     * Reads back image bytes at {@code byteOffset} that were written (or kept from an earlier run).
     *
     * @return how many bytes were read: less than asked only where the image ends early
     */
    long read(long byteOffset, MemorySegment into) throws IOException;

    /** Forces what was written so far to stable storage. */
    void sync() throws IOException;

    /**
     * Completes the image once every byte went through the pipeline: an E01 writes its closing sections (error2, the
     * MD5 and SHA-1 it stores, done). Everything is on stable storage when it returns.
     *
     * @param md5 the MD5 of the image, as lowercase hex, or null when not computed
     * @param sha1 the SHA-1 of the image, as lowercase hex, or null when not computed
     * @param badRuns every unreadable sector, in order
     * @return the image's files, in order
     */
    List<Path> complete(String md5, String sha1, List<BadRun> badRuns) throws IOException;

    /** Makes every image file read-only (mode 0444), so no tool opens a finished image for writing by mistake. */
    void seal() throws IOException;

    /** Releases the files; without {@link #complete}, leaves what was written resumable. */
    @Override
    void close() throws IOException;
}

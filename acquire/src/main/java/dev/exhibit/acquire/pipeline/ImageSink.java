package dev.exhibit.acquire.pipeline;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Where the pipeline writes image bytes: the image files, at their byte offset in the image. */
public interface ImageSink {
    void write(long byteOffset, MemorySegment data) throws IOException;
}

package dev.exhibit.acquire.pipeline;

import java.io.IOException;

/**
 * Writes chunks into the image files, in the order they were sent: written bytes at their offset, and, for an image
 * that only grows at its end, hashed bytes appended in order.
 */
final class WriterStage extends Stage {
    private final ImageSink image;

    WriterStage(ImageSink image) {
        super("writer");
        this.image = image;
    }

    @Override
    void accept(Chunk chunk) throws Exception {
        if (chunk.hashed() && image.appendsHashed()) {
            image.append(chunk.byteOffset(), chunk.data(), chunk.badRuns());
        } else {
            image.write(chunk.byteOffset(), chunk.data());
        }
    }

    boolean appendsHashed() {
        return image.appendsHashed();
    }

    /**
     * Waits until the first {@code count} chunks sent to the writer are written.
     *
     * @throws IOException the writer's failure, when it failed before getting there
     */
    void awaitWritten(long count) throws IOException, InterruptedException {
        awaitProcessed(count);
        Throwable f = failure();
        if (f != null) {
            throw new IOException("the image writer failed: " + f.getMessage(), f);
        }
    }
}

package dev.exhibit.acquire.pipeline;

/** The SHA-256 of each segment file of a split image, so a damaged segment can be named on its own. */
final class SegmentStage extends Stage {
    private final PieceDigest segments;
    private final PiecewiseSink sink;
    private final WriterStage writer;
    private long writesBefore;

    SegmentStage(long segmentBytes, PiecewiseSink sink, WriterStage writer) {
        super("segments");
        this.segments = new PieceDigest(segmentBytes);
        this.sink = sink;
        this.writer = writer;
    }

    @Override
    void accept(Chunk chunk) throws Exception {
        writesBefore = chunk.writesBefore();
        segments.update(chunk, this::completed);
    }

    @Override
    void finish() throws Exception {
        segments.finish(this::completed);
    }

    private void completed(long index, long byteOffset, long lengthBytes, String sha256) throws Exception {
        if (writer != null) {
            writer.awaitWritten(writesBefore);
        }
        sink.segment((int) index + 1, byteOffset, lengthBytes, sha256);
    }
}

package dev.exhibit.acquire.pipeline;

import java.util.ArrayDeque;

/**
 * The piecewise hashes: the SHA-256 of every window of {@code windowBytes} from byte 0, and the unreadable runs, merged
 * across chunks into maximal ranges. A run is reported once it has ended, and always before the windows that hold its
 * sectors: a window is held back while a run that reaches into it may still go on. So a log cut short anywhere never
 * holds a window whose bad sectors it does not also name.
 */
final class WindowStage extends Stage {
    private record Window(long index, long byteOffset, long lengthBytes, String sha256) {}

    private final PieceDigest windows;
    private final PiecewiseSink sink;
    private final WriterStage writer;
    private final ArrayDeque<Window> heldBack = new ArrayDeque<>();
    private long writesBefore;
    private BadRun open;

    /** @param writer the image writer, whose progress a window record waits for; null when nothing is written */
    WindowStage(long windowBytes, PiecewiseSink sink, WriterStage writer) {
        super("windows");
        this.windows = new PieceDigest(windowBytes);
        this.sink = sink;
        this.writer = writer;
    }

    @Override
    void accept(Chunk chunk) throws Exception {
        writesBefore = chunk.writesBefore();
        for (BadRun run : chunk.badRuns()) {
            if (open != null && open.joinsWith(run)) {
                open = open.extendedWith(run);
            } else {
                closeOpenRun();
                open = run;
            }
        }
        windows.update(chunk, this::completed);
        if (open != null && open.endByte() < windows.hashedEnd()) {
            closeOpenRun();
        }
    }

    @Override
    void finish() throws Exception {
        closeOpenRun();
        windows.finish(this::completed);
    }

    /** How many windows were hashed. */
    long windows() {
        return windows.count();
    }

    private void completed(long index, long byteOffset, long lengthBytes, String sha256) throws Exception {
        Window w = new Window(index, byteOffset, lengthBytes, sha256);
        if (open != null && open.endByte() < windows.hashedEnd()) {
            closeOpenRun();
        }
        if (open != null && open.byteOffset() < byteOffset + lengthBytes) {
            heldBack.add(w);
        } else {
            emit(w);
        }
    }

    /**
     * Logs a window only once its bytes are in the image files: a log that names a window then always has its bytes
     * behind it, even if the process is killed the next moment.
     */
    private void emit(Window w) throws Exception {
        if (writer != null) {
            writer.awaitWritten(writesBefore);
        }
        sink.window(w.index(), w.byteOffset(), w.lengthBytes(), w.sha256());
    }

    private void closeOpenRun() throws Exception {
        if (open != null) {
            sink.badRun(open);
            open = null;
        }
        while (!heldBack.isEmpty()) {
            emit(heldBack.poll());
        }
    }
}

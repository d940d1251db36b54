package dev.exhibit.analyze.img;

import dev.exhibit.analyze.tsk.ExternalImages;
import dev.exhibit.analyze.tsk.Upcalls;
import dev.exhibit.image.MediaReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * A {@link MediaReader} (a DMG, a QCOW2) handed to libtsk through {@code tsk_img_open_external}, so libtsk analyses
 * the decoded disk without a temporary raw copy. Owns the reader and the callbacks' arena, which is shared because
 * libtsk reads from whichever thread is walking (StreamReader reads on several). Callbacks never let a throwable reach
 * the native frame: a failed read returns -1 with libtsk's error set to the reader's message, and the first failure
 * is kept for the summary.
 */
final class ExternalImage implements AutoCloseable {
    private final MediaReader reader;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment readStub;
    private final MemorySegment closeStub;
    private final MemorySegment statStub;
    private volatile String firstFailure;

    ExternalImage(MediaReader reader) {
        this.reader = reader;
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        this.readStub = Upcalls.stub(lookup, this, "read", ExternalImages.READ, arena);
        this.closeStub = Upcalls.stub(lookup, this, "release", ExternalImages.CLOSE, arena);
        this.statStub = Upcalls.stub(lookup, this, "imgstat", ExternalImages.IMGSTAT, arena);
    }

    /** Allocates and fills the TSK_IMG_INFO; NULL when libtsk refuses (its error is set). */
    MemorySegment open() {
        MemorySegment ext = ExternalImages.malloc();
        if (ext.address() == 0) {
            return ext;
        }
        MemorySegment img =
                ExternalImages.open(ext, reader.sizeBytes(), reader.sectorBytes(), readStub, closeStub, statStub);
        if (img.address() == 0) {
            ExternalImages.free(ext);
        }
        return img;
    }

    MediaReader reader() {
        return reader;
    }

    /** The first read that failed (its message names the file, the structure and the offset), or null. */
    String firstFailure() {
        return firstFailure;
    }

    private long read(MemorySegment img, long byteOffset, MemorySegment buf, long length) {
        try {
            ByteBuffer dst = buf.reinterpret(length).asByteBuffer();
            long total = 0;
            while (dst.hasRemaining()) {
                int n = reader.read(byteOffset + total, dst);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (Throwable t) {
            String message = t instanceof IOException ? t.getMessage() : "reading the image failed: " + t;
            if (firstFailure == null) {
                firstFailure = message;
            }
            try {
                ExternalImages.setReadError(message);
            } catch (Throwable ignored) {
                // the -1 alone still tells libtsk the read failed
            }
            return -1;
        }
    }

    private void release(MemorySegment img) {
        try {
            ExternalImages.free(img);
        } catch (Throwable ignored) {
            // nothing can be reported from inside tsk_img_close; the struct is leaked at worst
        }
    }

    private void imgstat(MemorySegment img, MemorySegment file) {
        // Exhibit prints image facts itself (the summary); libtsk's img_stat path is never used
    }

    @Override
    public void close() throws IOException {
        try {
            arena.close();
        } finally {
            reader.close();
        }
    }
}

package dev.exhibit.acquire.pipeline;

import java.io.IOException;

/** A failure kept by a worker thread, thrown again to the thread that waits for its work. */
public final class Failures {
    private Failures() {}

    /** Throws {@code t} as it is where it can be, wrapped in an IOException otherwise; does nothing for null. */
    public static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }
}

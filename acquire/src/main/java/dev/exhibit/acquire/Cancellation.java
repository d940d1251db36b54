package dev.exhibit.acquire;

/**
 * A request to stop, set from another thread (a signal handler); the acquisition stops at its next block, logs the
 * interruption and leaves everything resumable.
 */
public final class Cancellation {
    private volatile String reason;

    public void cancel(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    public String reason() {
        return reason;
    }
}

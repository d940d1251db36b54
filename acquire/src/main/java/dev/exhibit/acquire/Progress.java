package dev.exhibit.acquire;

/**
 * Receives the state of a running acquisition or verification, about every few hundred milliseconds, on the thread
 * doing the work: implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = snapshot -> {};

    /**
     * @param doneBytes bytes finished (read, or filled for good) so far
     * @param totalBytes bytes to do
     * @param badSectors unreadable sectors so far
     * @param phase what is being done, e.g. {@code copying}, {@code trimming}, {@code hashing}, {@code verifying}
     * @param nanosSinceGoodRead time since a read last returned good bytes (a stalling drive shows here)
     * @param elapsedNanos time since this run started
     */
    record Snapshot(
            long doneBytes,
            long totalBytes,
            long badSectors,
            String phase,
            long nanosSinceGoodRead,
            long elapsedNanos) {}

    void update(Snapshot snapshot);
}

package dev.exhibit.core.chain;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.posix.NativeFd;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An advisory {@code flock(2)} lock on a chained log. Appending holds it exclusively from before the chain is verified
 * (and a torn tail cut off) until the line is on disk, so two processes can never both extend the same head: that is
 * how concurrent appends forked the chain before. Readers hold it shared, so they never mistake a line being written
 * for a torn one.
 *
 * <p>flock rather than Java's {@code FileLock}: the latter is an {@code fcntl} lock, which the kernel drops as soon as
 * this process closes any other descriptor of the same file, and verifying the chain opens and closes several.
 */
public final class LogLock implements Closeable {
    /**
     * How long an append waits for another holder. An append holds the lock for milliseconds; an acquisition holds its
     * log for as long as it runs, which this turns into a clear error instead of an endless wait.
     */
    public static final Duration APPEND_WAIT = Duration.ofSeconds(20);

    /** How long a reader waits before reading without the lock (a long acquisition holds its log for hours). */
    static final Duration READ_WAIT = Duration.ofSeconds(1);

    private static final long POLL_MILLIS = 10;

    /**
     * Logs this process holds exclusively. A reader in the same process (a resume reading the log it has just locked)
     * must not wait for its own lock: flock would make it, since every descriptor is a holder of its own.
     */
    private static final Map<Path, Integer> HELD = new ConcurrentHashMap<>();

    private final NativeFd fd;
    private final Path heldKey;
    private boolean closed;

    private LogLock(NativeFd fd, Path heldKey) {
        this.fd = fd;
        this.heldKey = heldKey;
        if (heldKey != null) {
            HELD.merge(heldKey, 1, Integer::sum);
        }
    }

    /** Takes the exclusive lock, waiting up to {@link #APPEND_WAIT}; fails naming the file when another holds it. */
    public static LogLock exclusive(Path file) throws IOException {
        LogLock lock = take(file, true, APPEND_WAIT);
        if (lock == null) {
            throw ExhibitException.environment(
                    file + " is locked by another process for more than " + APPEND_WAIT.toSeconds()
                            + " s (an acquisition, a verification or another append is writing to it); try again"
                            + " when it has finished",
                    null);
        }
        return lock;
    }

    /**
     * Takes the shared lock, or returns {@code null} when a writer keeps it longer than {@link #READ_WAIT} or when this
     * process holds the exclusive lock itself.
     */
    static LogLock sharedOrNull(Path file) throws IOException {
        return HELD.containsKey(key(file)) ? null : take(file, false, READ_WAIT);
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static LogLock take(Path file, boolean exclusive, Duration wait) throws IOException {
        NativeFd fd = NativeFd.open(file, NativeFd.O_RDONLY);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!fd.tryLock(exclusive)) {
                if (System.nanoTime() - deadline > 0) {
                    fd.close();
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new LogLock(fd, exclusive ? key(file) : null);
        } catch (InterruptedException e) {
            fd.close();
            Thread.currentThread().interrupt();
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED, "interrupted while waiting for the lock on " + file);
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /** Releases the lock: closing the only descriptor of the lock's open file description drops it. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (heldKey != null) {
            HELD.computeIfPresent(heldKey, (k, n) -> n == 1 ? null : n - 1);
        }
        fd.close();
    }
}

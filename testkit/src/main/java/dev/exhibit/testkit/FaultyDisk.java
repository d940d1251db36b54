package dev.exhibit.testkit;

import dev.exhibit.testkit.fuse.FuseFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faulty device's file: content where sectors are good, EIO for any read touching a bad sector (unless it is weak
 * and has recovered).
 */
final class FaultyDisk implements FuseFile {
    static final int SECTOR_BYTES = DiskContent.SECTOR_BYTES;
    private static final int EIO = 5;
    private static final int READ_LOG_LIMIT = 100_000;

    private final DiskContent content;
    private final NavigableSet<Long> badSectors;
    private final Duration badReadDelay;
    private final int failuresBeforeRecovery;
    /** Failed reads of each weak bad sector alone, while it has not recovered. */
    private final Map<Long, Integer> failedAlone = new ConcurrentHashMap<>();

    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
    private final Deque<FaultyDevice.Read> log = new ArrayDeque<>();

    FaultyDisk(DiskContent content, NavigableSet<Long> badSectors, Duration badReadDelay, int failuresBeforeRecovery) {
        this.content = content;
        this.badSectors = badSectors;
        this.badReadDelay = badReadDelay;
        this.failuresBeforeRecovery = failuresBeforeRecovery;
    }

    @Override
    public long sizeBytes() {
        return content.sizeBytes();
    }

    @Override
    public int read(long byteOffset, MemorySegment destination) throws ReadFault {
        int length = Math.toIntExact(destination.byteSize());
        long first = byteOffset / SECTOR_BYTES;
        long last = (byteOffset + length - 1) / SECTOR_BYTES;
        Long bad = firstUnreadable(first, last, length == SECTOR_BYTES);
        boolean fails = bad != null;
        record(new FaultyDevice.Read(byteOffset, length, fails));
        reads.incrementAndGet();
        if (fails) {
            failedReads.incrementAndGet();
            pause();
            throw new ReadFault(EIO, "bad sector " + bad);
        }
        try {
            content.read(byteOffset, destination);
        } catch (IOException e) {
            throw new ReadFault(EIO, e.getMessage());
        }
        return length;
    }

    /** The first bad sector in [first, last] that has not recovered, or null; counts a failed read alone. */
    private Long firstUnreadable(long first, long last, boolean alone) {
        for (Long s = badSectors.ceiling(first); s != null && s <= last; s = badSectors.higher(s)) {
            if (failuresBeforeRecovery == 0) {
                return s;
            }
            int failed = failedAlone.getOrDefault(s, 0);
            if (failed < failuresBeforeRecovery) {
                if (alone) {
                    failedAlone.merge(s, 1, Integer::sum);
                }
                return s;
            }
        }
        return null;
    }

    private void pause() {
        if (!badReadDelay.isZero()) {
            try {
                Thread.sleep(badReadDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(FaultyDevice.Read read) {
        synchronized (log) {
            if (log.size() == READ_LOG_LIMIT) {
                log.removeFirst();
            }
            log.addLast(read);
        }
    }

    List<FaultyDevice.Read> readLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void clearReadLog() {
        synchronized (log) {
            log.clear();
        }
    }

    NavigableSet<Long> badSectors() {
        return badSectors;
    }

    long reads() {
        return reads.get();
    }

    long failedReads() {
        return failedReads.get();
    }
}

package dev.exhibit.testkit;

import dev.exhibit.testkit.fuse.FuseFile;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.atomic.AtomicLong;

/** The faulty device's file: content where sectors are good, EIO for any read touching a bad sector. */
final class FaultyDisk implements FuseFile {
    static final int SECTOR_BYTES = DiskContent.SECTOR_BYTES;
    private static final int EIO = 5;
    private static final int READ_LOG_LIMIT = 100_000;

    private final DiskContent content;
    private final NavigableSet<Long> badSectors;
    private final Duration badReadDelay;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
    private final Deque<FaultyDevice.Read> log = new ArrayDeque<>();

    FaultyDisk(DiskContent content, NavigableSet<Long> badSectors, Duration badReadDelay) {
        this.content = content;
        this.badSectors = badSectors;
        this.badReadDelay = badReadDelay;
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
        Long bad = badSectors.ceiling(first);
        boolean fails = bad != null && bad <= last;
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

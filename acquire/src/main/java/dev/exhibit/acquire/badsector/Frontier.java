package dev.exhibit.acquire.badsector;

import dev.exhibit.acquire.image.ImageOutput;
import dev.exhibit.acquire.pipeline.BadRun;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import dev.exhibit.acquire.pipeline.Pipeline;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Where final image bytes go, and how far they have been hashed. Bytes read in order go to the image files and the
 * hashers at once: a source without errors is read once and never read back. When a rescue skips an area, the bytes
 * after it are only written; as soon as the gap is resolved (read, or filled for good), the hashers catch up by
 * reading those bytes back from the image files, so every digest still covers exactly the bytes written.
 *
 * <p>The rescue map is marked here, after the bytes are sent to the writer, so a map never calls bytes done that were
 * not handed to the image.
 */
public final class Frontier {
    private static final Set<BlockStatus> RESOLVED = EnumSet.of(BlockStatus.FINISHED, BlockStatus.BAD_SECTOR);

    private final Pipeline pipeline;
    private final ImageOutput image;
    private final RescueMap map;
    private final BadSectorLedger ledger;
    private final BufferPool pool;
    private final int sectorBytes;
    private final LongPredicate finalBadSector;

    /**
     * @param image the image files, or null when bytes are only hashed (re-reading a source to verify it)
     * @param finalBadSector whether a bad sector is final (no retry left), so its fill may be hashed
     */
    public Frontier(
            Pipeline pipeline,
            ImageOutput image,
            RescueMap map,
            BadSectorLedger ledger,
            BufferPool pool,
            int sectorBytes,
            LongPredicate finalBadSector) {
        this.pipeline = pipeline;
        this.image = image;
        this.map = map;
        this.ledger = ledger;
        this.pool = pool;
        this.sectorBytes = sectorBytes;
        this.finalBadSector = finalBadSector;
    }

    public RescueMap map() {
        return map;
    }

    public BadSectorLedger ledger() {
        return ledger;
    }

    public long hashedEnd() {
        return pipeline.hashedEnd();
    }

    /**
     * Hands final bytes at image offset {@code start} to the image, and to the hashers when they are next in order.
     *
     * @param badRuns the sectors inside {@code data} that could not be read and hold the fill
     */
    public void deliver(Lease lease, long start, MemorySegment data, List<BadRun> badRuns) throws IOException {
        if (start > pipeline.hashedEnd()) {
            catchUp(start);
        }
        if (start < pipeline.hashedEnd()) {
            throw new IllegalStateException("bytes at " + start
                    + " delivered again after the hashers passed them (up to " + pipeline.hashedEnd() + ")");
        }
        long firstSector = start / sectorBytes;
        long endSector = (start + data.byteSize() + sectorBytes - 1) / sectorBytes;
        for (BadRun was : ledger.runsIn(firstSector, endSector)) {
            // read now (a retry got it), unless it is bad again below
            for (long s = was.firstSector(); s < was.endSector(); s++) {
                ledger.recovered(s);
            }
        }
        badRuns.forEach(ledger::add);
        // A fill that retries may still replace is written but not hashed yet: the hashers catch up once it is final.
        boolean inOrder = start == pipeline.hashedEnd() && badRuns.stream().allMatch(this::isFinal);
        if (image == null && !inOrder) {
            throw new IllegalStateException("bytes at " + start + " arrived out of order, and there is no image to read"
                    + " them back from (hashed up to " + pipeline.hashedEnd() + ")");
        }
        pipeline.send(lease, start, data, badRuns, image != null, inOrder);
        map.mark(start, data.byteSize(), BlockStatus.FINISHED);
        for (BadRun r : badRuns) {
            map.mark(r.byteOffset(), r.sectorCount() * sectorBytes, BlockStatus.BAD_SECTOR);
        }
    }

    private boolean isFinal(BadRun run) {
        for (long s = run.firstSector(); s < run.endSector(); s++) {
            if (!finalBadSector.test(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hashes, by reading them back from the image, the resolved bytes that follow what was hashed so far, up to
     * {@code upTo} or the first byte not resolved yet.
     */
    public void catchUp(long upTo) throws IOException {
        boolean drained = false;
        long end = Math.min(upTo, map.endByte());
        while (pipeline.hashedEnd() < end) {
            long at = pipeline.hashedEnd();
            long resolvedEnd = resolvedFrom(at, end);
            if (resolvedEnd == at) {
                return;
            }
            if (!drained) {
                pipeline.awaitWrites();
                drained = true;
            }
            readBack(at, resolvedEnd);
        }
    }

    /** Catches the hashers up to the end of the image, which must be resolved by now. */
    public void finish() throws IOException {
        catchUp(map.endByte());
        if (pipeline.hashedEnd() < map.endByte()) {
            Block b = map.blockAt(pipeline.hashedEnd());
            throw new IllegalStateException("bytes from " + b.byteOffset() + " are still " + b.status()
                    + " after the rescue; the hashers cannot pass them");
        }
    }

    /** The end of the run of resolved bytes starting at {@code from}, no further than {@code end}. */
    private long resolvedFrom(long from, long end) {
        long at = from;
        while (at < end) {
            Block b = map.blockAt(at);
            if (!RESOLVED.contains(b.status())) {
                return at;
            }
            if (b.status() == BlockStatus.BAD_SECTOR) {
                for (long s = at / sectorBytes; s * sectorBytes < Math.min(b.endByte(), end); s++) {
                    if (!finalBadSector.test(s)) {
                        return Math.max(from, s * sectorBytes);
                    }
                }
            }
            at = Math.min(b.endByte(), end);
        }
        return at;
    }

    private void readBack(long from, long to) throws IOException {
        long at = from;
        while (at < to) {
            Lease lease;
            try {
                lease = pool.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the image back", e);
            }
            try {
                long len = Math.min(to - at, pool.bufferBytes());
                MemorySegment buf = lease.buffer().asSlice(0, len);
                long n = image.read(at, buf);
                if (n != len) {
                    throw new IOException("image " + image.layout().directory() + " ends at image byte " + (at + n)
                            + " but bytes up to " + (at + len) + " were written");
                }
                long firstSector = at / sectorBytes;
                long endSector = (at + len + sectorBytes - 1) / sectorBytes;
                pipeline.send(lease, at, buf, ledger.runsIn(firstSector, endSector), false, true);
                at += len;
            } finally {
                lease.release();
            }
        }
    }
}

package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every chunk of every region sorted by media position, for binary search; open refuses chunks that overlap (two
 * tables claiming the same sectors) and compressed chunks with impossible sizes. Sectors no chunk claims read as
 * zeros (hdiutil never leaves any) and are counted.
 */
final class DmgLayout {
    private final Chunk[] chunks;
    private final long[] starts;
    private final long unclaimedSectors;

    private DmgLayout(Chunk[] chunks, long unclaimedSectors) {
        this.chunks = chunks;
        this.starts = Arrays.stream(chunks).mapToLong(Chunk::startByte).toArray();
        this.unclaimedSectors = unclaimedSectors;
    }

    static DmgLayout of(Path file, List<MishTable> regions, long mediaSectors) throws MediaFormatException {
        List<Chunk> all = new ArrayList<>();
        for (MishTable r : regions) {
            for (Chunk c : r.chunks()) {
                if (c.sectorCount() > 0) {
                    ChunkDecoder.checkSizes(file, c);
                    all.add(c);
                }
            }
        }
        all.sort(Comparator.comparingLong(Chunk::startSector));
        long next = 0;
        long unclaimed = 0;
        Chunk previous = null;
        for (Chunk c : all) {
            if (c.startSector() < next) {
                throw MediaFormatException.at(
                        file,
                        "blkx tables (in the XML property list)",
                        c.tableOffset(),
                        "chunk tables overlap: " + c.describe() + " starts inside " + previous.describe());
            }
            unclaimed += c.startSector() - next;
            next = c.startSector() + c.sectorCount();
            previous = c;
        }
        unclaimed += Math.max(0, mediaSectors - next);
        return new DmgLayout(all.toArray(Chunk[]::new), unclaimed);
    }

    /** The chunk holding media byte {@code pos}, or null when no chunk claims it. */
    Chunk at(long pos) {
        int i = Arrays.binarySearch(starts, pos);
        int k = i >= 0 ? i : -i - 2;
        if (k < 0) {
            return null;
        }
        Chunk c = chunks[k];
        return pos < c.endByte() ? c : null;
    }

    /** The start of the first chunk after {@code pos}, or {@code Long.MAX_VALUE}. */
    long nextStart(long pos) {
        int i = Arrays.binarySearch(starts, pos + 1);
        int k = i >= 0 ? i : -i - 1;
        return k < starts.length ? starts[k] : Long.MAX_VALUE;
    }

    /** Up to {@code n} chunks after {@code c} on the media, in order. */
    List<Chunk> after(Chunk c, int n) {
        int i = Arrays.binarySearch(starts, c.startByte());
        if (i < 0) {
            return List.of();
        }
        return Arrays.asList(chunks).subList(i + 1, Math.min(chunks.length, i + 1 + n));
    }

    List<Chunk> chunks() {
        return List.of(chunks);
    }

    long unclaimedSectors() {
        return unclaimedSectors;
    }
}

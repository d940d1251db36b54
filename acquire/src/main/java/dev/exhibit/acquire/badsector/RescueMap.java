package dev.exhibit.acquire.badsector;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which bytes of a source have been read, failed or not been tried yet: the model of a GNU ddrescue mapfile. The
 * blocks cover the extent [beginByte, endByte) without gaps or overlaps, sorted, and neighbours always differ in
 * status (equal neighbours are merged). Also holds the rescue's position (the mapfile's status line). Not
 * thread-safe: one owner marks it and saves snapshots with {@link Mapfile#write}.
 */
public final class RescueMap {
    /** Blocks by their first byte. */
    private final TreeMap<Long, Block> blocks = new TreeMap<>();

    private final long beginByte;
    private final long endByte;
    private Position position;

    /**
     * Where a rescue stands: the mapfile's status line.
     *
     * @param byteOffset the position being tried in the source
     * @param pass the pass within the phase, from 1
     */
    public record Position(long byteOffset, RescuePhase phase, int pass) {
        public Position {
            Objects.requireNonNull(phase, "phase");
            if (byteOffset < 0 || pass < 1) {
                throw new IllegalArgumentException(
                        "position byte " + byteOffset + ", pass " + pass + ": byte must be >= 0 and pass >= 1");
            }
        }

        public static Position start() {
            return new Position(0, RescuePhase.COPYING, 1);
        }
    }

    private RescueMap(long beginByte, long endByte, Position position) {
        this.beginByte = beginByte;
        this.endByte = endByte;
        this.position = position;
    }

    /** A map of a source of {@code sizeBytes} bytes, none of them tried yet. */
    public static RescueMap of(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes (" + sizeBytes + ") must not be negative");
        }
        RescueMap map = new RescueMap(0, sizeBytes, Position.start());
        if (sizeBytes > 0) {
            map.blocks.put(0L, new Block(0, sizeBytes, BlockStatus.NON_TRIED));
        }
        return map;
    }

    /** A map of contiguous blocks, as read from a mapfile; the caller has checked that they are contiguous. */
    static RescueMap ofContiguous(List<Block> contiguous, Position position) {
        long begin = contiguous.isEmpty() ? 0 : contiguous.getFirst().byteOffset();
        long end = contiguous.isEmpty() ? 0 : contiguous.getLast().endByte();
        RescueMap map = new RescueMap(begin, end, position);
        for (Block b : contiguous) {
            map.blocks.put(b.byteOffset(), b);
            map.mergeAround(b.byteOffset());
        }
        return map;
    }

    /** The first byte the map covers (0 unless a mapfile started later). */
    public long beginByte() {
        return beginByte;
    }

    /** The byte after the last one the map covers. */
    public long endByte() {
        return endByte;
    }

    public Position position() {
        return position;
    }

    public void setPosition(Position position) {
        this.position = Objects.requireNonNull(position, "position");
    }

    /** Gives bytes [byteOffset, byteOffset + lengthBytes) the status {@code status}. */
    public void mark(long byteOffset, long lengthBytes, BlockStatus status) {
        Objects.requireNonNull(status, "status");
        if (lengthBytes <= 0 || byteOffset < beginByte || byteOffset > endByte - lengthBytes) {
            throw new IllegalArgumentException("cannot mark bytes " + byteOffset + " + " + lengthBytes
                    + ": the map covers bytes " + beginByte + " to " + endByte + " (exclusive)");
        }
        long end = byteOffset + lengthBytes;
        splitAt(byteOffset);
        splitAt(end);
        blocks.subMap(byteOffset, end).clear();
        blocks.put(byteOffset, new Block(byteOffset, lengthBytes, status));
        mergeAround(byteOffset);
    }

    /** The status of the byte at {@code byteOffset}. */
    public BlockStatus statusAt(long byteOffset) {
        if (byteOffset < beginByte || byteOffset >= endByte) {
            throw new IllegalArgumentException("byte " + byteOffset + " is outside the map's bytes " + beginByte
                    + " to " + endByte + " (exclusive)");
        }
        return blocks.floorEntry(byteOffset).getValue().status();
    }

    /**
     * The first block at or after {@code fromByte} whose status is one of {@code statuses}, cut to start no earlier than
     * {@code fromByte}; null when there is none.
     */
    public Block next(long fromByte, Set<BlockStatus> statuses) {
        Map.Entry<Long, Block> floor = blocks.floorEntry(fromByte);
        long key = floor == null ? beginByte : floor.getKey();
        for (Block b : blocks.tailMap(key, true).values()) {
            if (b.endByte() <= fromByte || !statuses.contains(b.status())) {
                continue;
            }
            long start = Math.max(b.byteOffset(), fromByte);
            return new Block(start, b.endByte() - start, b.status());
        }
        return null;
    }

    /** The block holding byte {@code byteOffset}, whole. */
    public Block blockAt(long byteOffset) {
        statusAt(byteOffset);
        return blocks.floorEntry(byteOffset).getValue();
    }

    /** All blocks in order. */
    public List<Block> blocks() {
        return List.copyOf(blocks.values());
    }

    /** The blocks with one of {@code statuses}, in order. */
    public List<Block> blocks(Set<BlockStatus> statuses) {
        return blocks.values().stream()
                .filter(b -> statuses.contains(b.status()))
                .toList();
    }

    /** How many bytes have {@code status}. */
    public long bytes(BlockStatus status) {
        long total = 0;
        for (Block b : blocks.values()) {
            if (b.status() == status) {
                total += b.lengthBytes();
            }
        }
        return total;
    }

    /** The unreadable sectors so far (blocks {@code *}, {@code /} and {@code -}), as runs of sectors. */
    public List<SectorRun> failedSectors(int sectorBytes) {
        return sectors(
                sectorBytes, EnumSet.of(BlockStatus.NON_TRIMMED, BlockStatus.NON_SCRAPED, BlockStatus.BAD_SECTOR));
    }

    /**
     * The sectors of {@code sectorBytes} that hold any byte with one of {@code statuses}, as maximal runs: a block that
     * does not start or end on a sector boundary counts every sector it touches, as {@code ddrescuelog -l} does.
     */
    public List<SectorRun> sectors(int sectorBytes, Set<BlockStatus> statuses) {
        if (sectorBytes <= 0) {
            throw new IllegalArgumentException("sectorBytes (" + sectorBytes + ") must be positive");
        }
        List<SectorRun> runs = new ArrayList<>();
        long runFirst = -1;
        long runEnd = -1; // exclusive
        for (Block b : blocks.values()) {
            if (!statuses.contains(b.status())) {
                continue;
            }
            long first = b.byteOffset() / sectorBytes;
            long end = (b.endByte() - 1) / sectorBytes + 1;
            if (runFirst >= 0 && first <= runEnd) {
                runEnd = Math.max(runEnd, end);
            } else {
                if (runFirst >= 0) {
                    runs.add(new SectorRun(runFirst, runEnd - runFirst));
                }
                runFirst = first;
                runEnd = end;
            }
        }
        if (runFirst >= 0) {
            runs.add(new SectorRun(runFirst, runEnd - runFirst));
        }
        return runs;
    }

    /** Splits the block holding {@code byteOffset} so that a block starts there (no-op at a boundary or the end). */
    private void splitAt(long byteOffset) {
        Map.Entry<Long, Block> e = blocks.floorEntry(byteOffset);
        if (e == null || e.getKey() == byteOffset || e.getValue().endByte() <= byteOffset) {
            return;
        }
        Block b = e.getValue();
        blocks.put(b.byteOffset(), new Block(b.byteOffset(), byteOffset - b.byteOffset(), b.status()));
        blocks.put(byteOffset, new Block(byteOffset, b.endByte() - byteOffset, b.status()));
    }

    /** Merges the block starting at {@code byteOffset} with equal-status neighbours on either side. */
    private void mergeAround(long byteOffset) {
        Block b = blocks.get(byteOffset);
        Map.Entry<Long, Block> left = blocks.lowerEntry(byteOffset);
        if (left != null
                && left.getValue().status() == b.status()
                && left.getValue().endByte() == b.byteOffset()) {
            blocks.remove(byteOffset);
            b = new Block(left.getKey(), left.getValue().lengthBytes() + b.lengthBytes(), b.status());
            blocks.put(b.byteOffset(), b);
        }
        Block right = blocks.get(b.endByte());
        if (right != null && right.status() == b.status()) {
            blocks.remove(right.byteOffset());
            blocks.put(b.byteOffset(), new Block(b.byteOffset(), b.lengthBytes() + right.lengthBytes(), b.status()));
        }
    }

    @Override
    public String toString() {
        return "rescue map of bytes " + beginByte + "-" + endByte + " in " + blocks.size() + " blocks";
    }
}

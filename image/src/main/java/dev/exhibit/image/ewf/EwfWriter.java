package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an E01 set in the EnCase 6 layout, appending chunks in media order from one thread: segment 1 opens with
 * header2 twice, header and volume; later segments with data; chunks go into sectors + table + table2 groups (a new
 * group before 65 534 entries or 31-bit offsets, a new segment before the segment size, keeping room to close); every
 * segment but the last ends with next; {@link #finish} ends the last with [data] [error2] [digest] hash done.
 *
 * <p>Deterministic: the same chunks, layout and header give the same files byte for byte; the set GUID is derived
 * from the header and layout ({@link SegmentPrefix#setGuid}). A set cut anywhere (SIGKILL, a full disk, {@link #close} without
 * finish) is continued by {@link #resume}, which keeps every complete chunk group and gives the same final bytes as an
 * uninterrupted run.
 */
public final class EwfWriter implements AutoCloseable {
    private final Path directory;
    private final String baseName;
    private final EwfLayout layout;
    private final SegmentPrefix prefix;
    private final List<Path> segments = new ArrayList<>();
    private final List<ChunkGroup> groups = new ArrayList<>();
    private final int[] entries = new int[SegmentBudget.MAX_TABLE_ENTRIES];
    private int entryCount;
    /** Entries per table; lowered only by tests, to see groups roll over in small sets. */
    private int maxEntries = SegmentBudget.MAX_TABLE_ENTRIES;
    /** Offset of the open group's sectors descriptor; -1 when no group is open. */
    private long groupBase = -1;

    private SegmentFile current;
    private boolean segmentHasChunks;
    private long chunksWritten;
    private ChunkSource readBack;
    private boolean finished;

    private EwfWriter(Path directory, String baseName, EwfLayout layout, EwfHeader header) {
        this.directory = directory;
        this.baseName = baseName;
        this.layout = layout;
        this.prefix = new SegmentPrefix(layout, header);
    }

    /** Starts a new set {@code directory/baseName.E01...}; refuses to overwrite any existing segment of that name. */
    public static EwfWriter create(Path directory, String baseName, EwfLayout layout, EwfHeader header)
            throws IOException {
        EwfWriter w = new EwfWriter(directory, baseName, layout, header);
        List<Path> existing = WriterRecovery.existingSegments(directory, baseName);
        if (!existing.isEmpty()) {
            throw new IOException(existing.getFirst() + ": exists already; not overwriting an image (resume it, or"
                    + " choose another directory)");
        }
        w.openSegment(1);
        return w;
    }

    /**
     * After a crash: keeps every complete chunk group (sectors + table + table2) of the set, cuts the rest, and
     * continues; with no set there yet, starts one. The header and layout must be those of the interrupted run.
     */
    public static EwfWriter resume(Path directory, String baseName, EwfLayout layout, EwfHeader header)
            throws IOException {
        EwfWriter w = new EwfWriter(directory, baseName, layout, header);
        WriterRecovery.State s = WriterRecovery.scan(directory, baseName, layout, w.prefix);
        if (s == null) {
            w.openSegment(1);
            return w;
        }
        w.segments.addAll(s.segments());
        w.groups.addAll(s.groups());
        w.chunksWritten = s.chunks();
        w.segmentHasChunks = !s.groups().isEmpty()
                && s.groups().getLast().segment() == s.segments().size() - 1;
        w.current = SegmentFile.reopen(s.segments().getLast(), s.length());
        return w;
    }

    /** Test hook: closes groups after {@code entries} chunks (the same value must be used when resuming). */
    EwfWriter limitGroupEntries(int entries) {
        if (entries < 1 || entries > SegmentBudget.MAX_TABLE_ENTRIES) {
            throw new IllegalArgumentException(
                    "group limit " + entries + " outside 1.." + SegmentBudget.MAX_TABLE_ENTRIES);
        }
        this.maxEntries = entries;
        return this;
    }

    /** Chunks kept so far; media bytes kept = min(chunksWritten * chunkBytes, mediaBytes). */
    public long chunksWritten() {
        return chunksWritten;
    }

    /** Appends the next chunk; IOException names the segment file and offset (a full disk...). */
    public void append(EncodedChunk chunk) throws IOException {
        requireOpen();
        if (chunksWritten >= layout.chunkCount()) {
            throw new IllegalStateException("all " + layout.chunkCount() + " chunks are written already");
        }
        int want = layout.chunkMediaBytes(chunksWritten);
        if (chunk.mediaLength() != want) {
            throw new IllegalArgumentException(
                    "chunk " + chunksWritten + " holds " + chunk.mediaLength() + " media bytes, expected " + want);
        }
        long len = chunk.stored().length;
        if (groupBase >= 0
                && (entryCount >= maxEntries
                        || current.position() - groupBase + len > SegmentBudget.MAX_GROUP_SPAN_BYTES
                        || !SegmentBudget.fits(layout.segmentBytes(), current.position(), len, entryCount + 1))) {
            closeGroup();
        }
        if (groupBase < 0) {
            long after = current.position() + SectionDescriptor.BYTES;
            if (segmentHasChunks && !SegmentBudget.fits(layout.segmentBytes(), after, len, 1)) {
                closeSegment();
                openSegment(segments.size() + 1);
            }
            groupBase = current.position();
            current.append(SectionDescriptor.encode(SectionDescriptor.SECTORS, 0, 0));
        }
        long relative = current.position() - groupBase;
        entries[entryCount++] = (int) relative | (chunk.compressed() ? TableSection.COMPRESSED_BIT : 0);
        current.append(chunk.stored());
        chunksWritten++;
        segmentHasChunks = true;
    }

    /** Decodes chunks already written (read-back, re-hashing on resume); the range must lie in the kept bytes. */
    public int read(long byteOffset, ByteBuffer dst) throws IOException {
        requireOpen();
        long kept = Math.min(chunksWritten * layout.chunkBytes(), layout.mediaBytes());
        if (byteOffset < 0 || byteOffset + dst.remaining() > kept) {
            throw new IllegalArgumentException("read of " + dst.remaining() + " bytes at media byte " + byteOffset
                    + " goes beyond the " + kept + " bytes written so far");
        }
        current.flush();
        if (readBack == null) {
            readBack = new ChunkSource(segments, groups, layout.mediaBytes(), layout.chunkBytes());
        }
        readBack.setOpenGroup(groupBase < 0 ? null : openGroup(), entries);
        return readBack.read(byteOffset, dst);
    }

    /**
     * Ends the last group and writes [data] [error2 if bad sectors] [digest if sha1 != null] hash done, then syncs
     * every segment to disk. Bad-sector ranges are merged; sectors at or beyond 2^32 cannot be recorded in error2.
     */
    public void finish(List<SectorRange> badSectors, byte[] md5, byte[] sha1) throws IOException {
        requireOpen();
        if (chunksWritten != layout.chunkCount()) {
            throw new IllegalStateException("finish after " + chunksWritten + " of " + layout.chunkCount() + " chunks");
        }
        byte[] hash = HashSections.hash(md5);
        byte[] digest = sha1 == null ? null : HashSections.digest(md5, sha1);
        closeGroup();
        if (segments.size() == 1) {
            appendSection(SectionDescriptor.DATA, prefix.volume());
        }
        List<SectorRange> ranges = Error2Section.normalise(badSectors == null ? List.of() : badSectors);
        if (!ranges.isEmpty()) {
            appendSection(SectionDescriptor.ERROR2, Error2Section.encode(ranges));
        }
        if (digest != null) {
            appendSection(SectionDescriptor.DIGEST, digest);
        }
        appendSection(SectionDescriptor.HASH, hash);
        long at = current.position();
        current.append(SectionDescriptor.encode(SectionDescriptor.DONE, at, 0));
        current.sync();
        for (Path p : segments.subList(0, segments.size() - 1)) {
            WriterRecovery.sync(p);
        }
        finished = true;
        close();
    }

    /** The files written so far, in order. */
    public List<Path> segments() {
        return List.copyOf(segments);
    }

    /** Without finish: flushes what is written and leaves the set for {@link #resume} (the open group is redone). */
    @Override
    public void close() throws IOException {
        try {
            if (readBack != null) {
                readBack.close();
                readBack = null;
            }
        } finally {
            if (current != null) {
                SegmentFile c = current;
                current = null;
                c.close();
            }
        }
    }

    private void openSegment(int number) throws IOException {
        Path path = SegmentNames.segment(directory, baseName, number);
        current = SegmentFile.create(path);
        segments.add(path);
        segmentHasChunks = false;
        current.append(prefix.bytes(number));
    }

    private void closeSegment() throws IOException {
        long at = current.position();
        current.append(SectionDescriptor.encode(SectionDescriptor.NEXT, at, 0));
        current.sync();
        current.close();
        current = null;
    }

    private void closeGroup() throws IOException {
        if (groupBase < 0) {
            return;
        }
        long end = current.position();
        current.writeAt(groupBase, SectionDescriptor.encode(SectionDescriptor.SECTORS, end, end - groupBase));
        byte[] table = TableSection.encode(entries, entryCount, groupBase);
        ChunkGroup g = openGroup();
        long tableAt = appendSection(SectionDescriptor.TABLE, table);
        long table2At = appendSection(SectionDescriptor.TABLE2, table);
        groups.add(new ChunkGroup(g.segment(), end, groupBase, tableAt, table2At, g.firstChunk(), entryCount));
        groupBase = -1;
        entryCount = 0;
    }

    private ChunkGroup openGroup() {
        return new ChunkGroup(
                segments.size() - 1, current.position(), groupBase, -1, -1, chunksWritten - entryCount, entryCount);
    }

    /** Appends a section (descriptor and payload); returns the descriptor's offset. */
    private long appendSection(String type, byte[] payload) throws IOException {
        long at = current.position();
        long size = SectionDescriptor.BYTES + (long) payload.length;
        current.append(SectionDescriptor.encode(type, at + size, size));
        current.append(payload);
        return at;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the E01 set " + segments.getFirst() + " is finished");
        }
        if (current == null) {
            throw new IllegalStateException("the E01 writer of " + directory.resolve(baseName) + " is closed");
        }
    }
}

package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Plans a verification's reads: walks the chunk groups in media order, checks each table against its table2 (which
 * ewfverify never reads) and each chunk's extent, and fills batches of consecutive chunks with one read each.
 * Chunks that cannot be read (lost table, impossible extent, no table at all) go through as problems, zero-filled, so
 * the media stream keeps its offsets.
 */
final class BatchPlanner {
    /** Takes an empty batch from the pool and hands on a full one (both may block). */
    interface Pool {
        Batch take() throws InterruptedException;

        void submit(Batch b) throws InterruptedException;
    }

    private final SetContents set;
    private final SegmentChannels channels;
    private final Findings findings;
    private final TableReader tables;
    private final int chunkBytes;
    private final long mediaBytes;
    private final int maxStored;
    private Batch batch;
    private long spanStart;
    private long spanEnd;

    BatchPlanner(SetContents set, SegmentChannels channels, Findings findings) {
        this.set = set;
        this.channels = channels;
        this.findings = findings;
        this.tables = new TableReader(set.segments(), channels);
        this.chunkBytes = (int) set.volume().chunkBytes();
        this.mediaBytes = set.volume().mediaBytes();
        this.maxStored = ChunkSource.maxStoredBytes(chunkBytes);
    }

    void run(Pool pool) throws IOException, InterruptedException {
        long limit = VolumeCheck.chunksFor(set.volume());
        long next = 0;
        for (ChunkGroup g : set.groups()) {
            if (g.firstChunk() >= limit) {
                break;
            }
            Path file = set.segments().get(g.segment());
            int[] entries = entries(g, file);
            for (int k = 0; k < g.entries() && g.firstChunk() + k < limit; k++) {
                long chunk = g.firstChunk() + k;
                if (entries == null) {
                    add(pool, file, chunk, -1, -1, false, "its table and table2 cannot be read");
                    continue;
                }
                long start = g.baseOffset() + TableSection.offsetOf(entries[k]);
                long end =
                        k + 1 < g.entries() ? g.baseOffset() + TableSection.offsetOf(entries[k + 1]) : g.sectorsEnd();
                boolean ok =
                        start >= FileHeader.BYTES && end > start && end <= g.sectorsEnd() && end - start <= maxStored;
                add(
                        pool,
                        file,
                        chunk,
                        start,
                        end,
                        TableSection.isCompressed(entries[k]),
                        ok
                                ? null
                                : "table entry gives stored bytes " + start + ".." + end + ", outside the sectors data"
                                        + " (ends at byte " + g.sectorsEnd() + ") or of impossible size");
                next = chunk + 1;
            }
        }
        for (long chunk = next; chunk < limit; chunk++) {
            add(pool, set.segments().getLast(), chunk, -1, -1, false, "no table of the set lists this chunk");
        }
        flush(pool);
    }

    private void add(Pool pool, Path file, long chunk, long start, long end, boolean compressed, String problem)
            throws IOException, InterruptedException {
        boolean readable = problem == null;
        if (batch != null
                && (batch.count == batch.maxChunks
                        || !batch.file.equals(file)
                        || (readable
                                && spanStart >= 0
                                && Math.max(spanEnd, end) - Math.min(spanStart, start) > batch.stored.length))) {
            flush(pool);
        }
        if (batch == null) {
            batch = pool.take();
            batch.reset(file, chunk);
            spanStart = -1;
            spanEnd = -1;
        }
        if (readable) {
            spanStart = spanStart < 0 ? start : Math.min(spanStart, start);
            spanEnd = Math.max(spanEnd, end);
        }
        int mediaLen = (int) Math.min(chunkBytes, mediaBytes - chunk * chunkBytes);
        batch.add(start, 0, readable ? (int) (end - start) : -1, compressed, mediaLen, problem);
    }

    private void flush(Pool pool) throws IOException, InterruptedException {
        if (batch == null) {
            return;
        }
        if (spanStart >= 0) {
            channels.readFully(
                    batch.file, SectionDescriptor.SECTORS, spanStart, batch.stored, 0, (int) (spanEnd - spanStart));
            for (int k = 0; k < batch.count; k++) {
                batch.storedOff[k] = (int) (batch.fileOffset[k] - spanStart);
            }
        }
        pool.submit(batch);
        batch = null;
    }

    /** The group's entries from a valid table (table2 when needed), reporting every difference; null when lost. */
    private int[] entries(ChunkGroup g, Path file) throws IOException {
        byte[] table = tables.payload(file, SectionDescriptor.TABLE, g.tableOffset(), g.entries());
        byte[] table2 = g.table2Offset() < 0
                ? null
                : tables.payload(file, SectionDescriptor.TABLE2, g.table2Offset(), g.entries());
        boolean tableOk = TableReader.valid(table);
        String range = " (chunks " + g.firstChunk() + ".." + (g.endChunk() - 1) + ")";
        if (!tableOk) {
            findings.error(
                    file,
                    SectionDescriptor.TABLE,
                    g.tableOffset(),
                    "entries checksum mismatch" + range
                            + (table2 != null && TableReader.valid(table2) ? "; table2 used instead" : ""));
        }
        if (table2 == null) {
            findings.warning(file, SectionDescriptor.TABLE, g.tableOffset(), "no table2 copy follows" + range);
            return tableOk ? TableReader.decode(table, g.entries()) : null;
        }
        boolean table2Ok = TableReader.valid(table2);
        if (!table2Ok) {
            findings.error(
                    file,
                    SectionDescriptor.TABLE2,
                    g.table2Offset(),
                    "checksum mismatch" + range
                            + ": the recovery copy of the table is damaged (ewfverify never reads it)");
        } else if (tableOk && !java.util.Arrays.equals(table, table2)) {
            int at = java.util.Arrays.mismatch(table, table2);
            findings.error(
                    file,
                    SectionDescriptor.TABLE2,
                    g.table2Offset(),
                    "differs from its table from payload" + " byte " + at + range);
        }
        return tableOk
                ? TableReader.decode(table, g.entries())
                : table2Ok ? TableReader.decode(table2, g.entries()) : null;
    }
}

package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns table and table2 sections into chunk groups as a walk meets them. A table whose header checksum fails is
 * replaced by the table2 after it; a table2 must agree with its table's count and base; the entries themselves are
 * read when chunks are (by {@link TableReader}, falling back to table2 as well).
 */
final class Tables {
    /** Entries read per table: well above the 65 534 EnCase writes (libewf#101 met real tables above its old cap). */
    static final long MAX_ENTRIES = 1 << 22;

    private final Findings findings;
    private final SegmentChannels channels;
    private final List<ChunkGroup> groups = new ArrayList<>();
    private long chunks;
    private boolean awaitingTable2;
    private int brokenSegment = -1;
    private Path brokenFile;
    private long brokenTableOffset = -1;
    private int sectorsSegment = -1;
    private long sectorsEnd = -1;

    Tables(Findings findings, SegmentChannels channels) {
        this.findings = findings;
        this.channels = channels;
    }

    List<ChunkGroup> groups() {
        return groups;
    }

    long chunks() {
        return chunks;
    }

    void sectors(int segment, SectionDescriptor d) throws EwfFormatException {
        unresolved();
        awaitingTable2 = false;
        sectorsSegment = segment;
        sectorsEnd = d.sizeBytes() == 0 ? d.next() : d.end();
    }

    void table(int segment, Path file, SectionDescriptor d, long payloadBytes) throws IOException {
        boolean isTable2 = d.type().equals(SectionDescriptor.TABLE2);
        if (payloadBytes < TableSection.HEADER_BYTES) {
            findings.severe(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "payload is " + payloadBytes + " bytes, less than its " + TableSection.HEADER_BYTES
                            + "-byte header");
            return;
        }
        byte[] header =
                channels.read(file, d.type(), d.fileOffset() + SectionDescriptor.BYTES, TableSection.HEADER_BYTES);
        boolean ok = TableSection.headerChecksumMatches(header);
        long n = TableSection.entryCount(header);
        long base = TableSection.baseOffset(header);
        if (ok && (n == 0 || n > MAX_ENTRIES || TableSection.HEADER_BYTES + 4 * n > payloadBytes || base < 0)) {
            findings.severe(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "counts " + n + " entries from base offset " + Long.toUnsignedString(base)
                            + ", which do not fit its " + payloadBytes + " bytes");
            ok = false;
            if (!isTable2) {
                return;
            }
        }
        if (!isTable2) {
            unresolved();
            awaitingTable2 = ok;
            if (ok) {
                add(new ChunkGroup(
                        segment, sectorsEnd(segment, d.fileOffset()), base, d.fileOffset(), -1, chunks, (int) n));
            } else {
                findings.error(file, d.type(), d.fileOffset(), "header checksum mismatch (table2 is used instead)");
                brokenSegment = segment;
                brokenFile = file;
                brokenTableOffset = d.fileOffset();
            }
            return;
        }
        if (awaitingTable2 && groups.getLast().segment() == segment) {
            ChunkGroup g = groups.getLast();
            if (!ok) {
                findings.error(file, d.type(), d.fileOffset(), "header checksum mismatch");
            } else if (n != g.entries() || base != g.baseOffset()) {
                findings.error(
                        file,
                        d.type(),
                        d.fileOffset(),
                        "lists " + n + " entries from base " + base + ", its table " + g.entries() + " from base "
                                + g.baseOffset());
            } else {
                groups.set(
                        groups.size() - 1,
                        new ChunkGroup(
                                g.segment(),
                                g.sectorsEnd(),
                                g.baseOffset(),
                                g.tableOffset(),
                                d.fileOffset(),
                                g.firstChunk(),
                                g.entries()));
            }
        } else if (brokenTableOffset >= 0 && brokenSegment == segment) {
            long tableAt = brokenTableOffset;
            brokenTableOffset = -1;
            if (!ok) {
                findings.severe(
                        file,
                        d.type(),
                        d.fileOffset(),
                        "header checksum mismatch in table and table2:" + " the group's chunks cannot be located");
            } else {
                add(new ChunkGroup(
                        segment, sectorsEnd(segment, tableAt), base, tableAt, d.fileOffset(), chunks, (int) n));
            }
        } else if (ok) {
            findings.error(file, d.type(), d.fileOffset(), "no table before this table2 (its copy is used)");
            add(new ChunkGroup(
                    segment, sectorsEnd(segment, d.fileOffset()), base, d.fileOffset(), -1, chunks, (int) n));
        } else {
            findings.severe(file, d.type(), d.fileOffset(), "header checksum mismatch and no table before it");
        }
        awaitingTable2 = false;
    }

    void finish() throws EwfFormatException {
        unresolved();
    }

    private void add(ChunkGroup g) {
        groups.add(g);
        chunks += g.entries();
    }

    /** A table with a bad header and no table2 after it: its chunks are lost. */
    private void unresolved() throws EwfFormatException {
        if (brokenTableOffset >= 0) {
            long at = brokenTableOffset;
            brokenTableOffset = -1;
            findings.severe(
                    brokenFile,
                    SectionDescriptor.TABLE,
                    at,
                    "header checksum mismatch and no table2 after it:" + " the group's chunks cannot be located");
        }
    }

    /** The last chunk of a group ends where its sectors section does, or else where its table starts. */
    private long sectorsEnd(int segment, long tableOffset) {
        return sectorsSegment == segment && sectorsEnd > 0 && sectorsEnd <= tableOffset ? sectorsEnd : tableOffset;
    }
}

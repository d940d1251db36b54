package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a group's chunk offsets from its table, or from table2 when the table's checksums fail, keeping the last few
 * groups' entries.
 */
final class TableReader {
    /** Groups whose entries stay in memory. */
    static final int CACHED_GROUPS = 2;

    private final List<Path> segments;
    private final SegmentChannels channels;
    private final Map<ChunkGroup, int[]> cache = new LinkedHashMap<>(8, 0.75f, true);

    TableReader(List<Path> segments, SegmentChannels channels) {
        this.segments = segments;
        this.channels = channels;
    }

    int[] entries(ChunkGroup g) throws IOException {
        int[] e = cache.get(g);
        if (e != null) {
            return e;
        }
        Path file = segments.get(g.segment());
        byte[] table = payload(file, SectionDescriptor.TABLE, g.tableOffset(), g.entries());
        if (!valid(table) && g.table2Offset() >= 0) {
            byte[] table2 = payload(file, SectionDescriptor.TABLE2, g.table2Offset(), g.entries());
            if (valid(table2)) {
                table = table2;
            }
        }
        if (!valid(table)) {
            throw EwfFormatException.at(
                    file,
                    SectionDescriptor.TABLE,
                    g.tableOffset(),
                    "checksums of the table" + (g.table2Offset() >= 0 ? " and of table2" : "") + " do not match"
                            + " (chunks " + g.firstChunk() + ".." + (g.endChunk() - 1) + " cannot be located)");
        }
        e = decode(table, g.entries());
        if (cache.size() >= CACHED_GROUPS) {
            var it = cache.entrySet().iterator();
            it.next();
            it.remove();
        }
        cache.put(g, e);
        return e;
    }

    /** The header and entries (and footer) of a table section of {@code entries} entries. */
    byte[] payload(Path file, String section, long descriptorOffset, int entries) throws IOException {
        int len = TableSection.HEADER_BYTES + 4 * entries + SegmentBudget.TABLE_FOOTER_BYTES;
        return channels.read(file, section, descriptorOffset + SectionDescriptor.BYTES, len);
    }

    /** Both checksums of a table payload match (the header's and the entries'). */
    static boolean valid(byte[] payload) {
        int n = payload.length - TableSection.HEADER_BYTES - SegmentBudget.TABLE_FOOTER_BYTES;
        return TableSection.headerChecksumMatches(payload) && Bytes.adlerMatches(payload, TableSection.HEADER_BYTES, n);
    }

    static int[] decode(byte[] payload, int entries) {
        int[] e = new int[entries];
        for (int i = 0; i < entries; i++) {
            e[i] = Bytes.i32(payload, TableSection.HEADER_BYTES + 4 * i);
        }
        return e;
    }
}

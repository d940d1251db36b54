package dev.exhibit.image.ewf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code error2} payload: entry count (4), 512 zero bytes, Adler-32 of those 516; then per entry the first sector
 * and the sector count (32-bit each), then the Adler-32 of the entries. Sectors at or beyond 2^32 cannot be recorded
 * here (EWF1 has no wider field): the writer leaves them to Exhibit's own bad-sector map and log.
 */
final class Error2Section {
    static final int HEADER_BYTES = 520;
    static final int ENTRY_BYTES = 8;
    static final long MAX_SECTOR = 0xFFFF_FFFFL;

    private Error2Section() {}

    static long sectionBytes(int entries) {
        return SectionDescriptor.BYTES + HEADER_BYTES + (long) ENTRY_BYTES * entries + 4;
    }

    /** Sorted, merged runs, cut at sector 2^32 - 1 and split so every count fits 32 bits. */
    static List<SectorRange> normalise(List<SectorRange> ranges) {
        List<SectorRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(SectorRange::firstSector));
        List<SectorRange> merged = new ArrayList<>();
        for (SectorRange r : sorted) {
            if (r.firstSector() > MAX_SECTOR) {
                break;
            }
            long first = r.firstSector();
            long end = Math.min(r.endSector(), MAX_SECTOR + 1);
            SectorRange last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && first <= last.endSector()) {
                long newEnd = Math.max(end, last.endSector());
                merged.set(merged.size() - 1, new SectorRange(last.firstSector(), newEnd - last.firstSector()));
            } else {
                merged.add(new SectorRange(first, end - first));
            }
        }
        List<SectorRange> out = new ArrayList<>();
        for (SectorRange r : merged) {
            long first = r.firstSector();
            long left = r.sectorCount();
            while (left > 0) {
                long n = Math.min(left, MAX_SECTOR);
                out.add(new SectorRange(first, n));
                first += n;
                left -= n;
            }
        }
        return out;
    }

    /** The payload of normalised ranges. */
    static byte[] encode(List<SectorRange> ranges) {
        byte[] b = new byte[Math.toIntExact(sectionBytes(ranges.size()) - SectionDescriptor.BYTES)];
        Bytes.putU32(b, 0, ranges.size());
        Bytes.sealAdler(b, 0, HEADER_BYTES - 4);
        int off = HEADER_BYTES;
        for (SectorRange r : ranges) {
            Bytes.putU32(b, off, r.firstSector());
            Bytes.putU32(b, off + 4, r.sectorCount());
            off += ENTRY_BYTES;
        }
        Bytes.sealAdler(b, HEADER_BYTES, ranges.size() * ENTRY_BYTES);
        return b;
    }

    /** Entry count from the first 520 bytes, whose checksum the caller checked. */
    static long entryCount(byte[] header) {
        return Bytes.u32(header, 0);
    }

    /** The ranges in an entry array (entries of count 0 are skipped and reported by the caller's checks). */
    static List<SectorRange> decode(Path file, long entriesOffset, byte[] entries) throws EwfFormatException {
        List<SectorRange> out = new ArrayList<>();
        for (int off = 0; off + ENTRY_BYTES <= entries.length; off += ENTRY_BYTES) {
            long first = Bytes.u32(entries, off);
            long count = Bytes.u32(entries, off + 4);
            if (count == 0) {
                throw EwfFormatException.at(
                        file,
                        SectionDescriptor.ERROR2,
                        entriesOffset + off,
                        "entry " + off / ENTRY_BYTES + " has sector count 0");
            }
            out.add(new SectorRange(first, count));
        }
        return out;
    }
}

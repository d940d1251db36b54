package dev.exhibit.image.dmg;

import dev.exhibit.image.MediaFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A region's block table ({@code mish}, big-endian: a 204-byte header, then 40-byte entries): where on the media the
 * region lies, its CRC-32, and its chunks, resolved to absolute media sectors and file offsets.
 *
 * @param name the region's name from the plist (e.g. {@code disk image (Apple_HFS : 4)})
 * @param firstSector the region's first media sector
 * @param sectorCount its length in sectors
 * @param checksum its stored checksum (CRC-32 over its decoded bytes except ignore chunks)
 * @param chunks its chunks, in table order, without comments and the terminator
 */
record MishTable(String name, long firstSector, long sectorCount, Checksum checksum, List<Chunk> chunks) {
    static final int MAGIC = 0x6D697368; // "mish"
    static final int HEADER_BYTES = 204;
    static final int ENTRY_BYTES = 40;

    static MishTable parse(Path file, Koly koly, int region, BlkxResources.Entry entry) throws MediaFormatException {
        String where = "blkx region " + region + " ('" + entry.name() + "') of the XML property list";
        byte[] data = entry.mish();
        ByteBuffer b = ByteBuffer.wrap(data);
        if (data.length < HEADER_BYTES || b.getInt(0) != MAGIC) {
            throw MediaFormatException.at(file, where, koly.xmlOffset(), "not a 'mish' block table");
        }
        long first = b.getLong(8);
        long count = b.getLong(16);
        long dataOffset = b.getLong(24);
        int entries = b.getInt(200);
        if (entries < 0 || (long) HEADER_BYTES + (long) ENTRY_BYTES * entries > data.length) {
            throw MediaFormatException.at(
                    file,
                    where,
                    koly.xmlOffset(),
                    "table truncated: " + entries + " entries declared, room for "
                            + Math.max(0, (data.length - HEADER_BYTES) / ENTRY_BYTES));
        }
        if (first < 0 || count < 0 || first > koly.sectorCount() || count > koly.sectorCount() - first) {
            throw MediaFormatException.at(
                    file,
                    where,
                    koly.xmlOffset(),
                    "region of sectors " + first + "+" + count + " lies past the media's end (" + koly.sectorCount()
                            + " sectors)");
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int at = HEADER_BYTES + ENTRY_BYTES * i;
            int code = b.getInt(at);
            ChunkType type = ChunkType.of(code);
            if (type == ChunkType.TERMINATOR) {
                break;
            }
            if (type == ChunkType.COMMENT) {
                continue;
            }
            if (type == null) {
                throw MediaFormatException.at(
                        file, where, koly.xmlOffset(), "entry " + i + " has unknown chunk type " + ChunkType.hex(code));
            }
            long start = b.getLong(at + 8);
            long sectors = b.getLong(at + 16);
            long offset = b.getLong(at + 24);
            long stored = b.getLong(at + 32);
            if (start < 0 || sectors < 0 || start > count || sectors > count - start) {
                throw MediaFormatException.at(
                        file,
                        where,
                        koly.xmlOffset(),
                        "entry " + i + " covers sectors " + start + "+" + sectors + ", outside its region of " + count
                                + " sectors");
            }
            long fileOffset = koly.dataForkOffset() + dataOffset + offset;
            if (type.stored()
                    && (offset < 0
                            || stored < 0
                            || dataOffset < 0
                            || dataOffset + offset > koly.dataForkBytes()
                            || stored > koly.dataForkBytes() - dataOffset - offset)) {
                throw MediaFormatException.at(
                        file,
                        where,
                        koly.xmlOffset(),
                        "entry " + i + " points at file bytes " + fileOffset + "+" + stored
                                + ", past the end of the data fork (" + koly.dataForkBytes() + " bytes at byte "
                                + koly.dataForkOffset() + ")");
            }
            chunks.add(new Chunk(type, region, i, koly.xmlOffset(), first + start, sectors, fileOffset, stored));
        }
        return new MishTable(entry.name(), first, count, Checksum.parse(b, 64), List.copyOf(chunks));
    }
}

package dev.exhibit.image.ewf;

import java.nio.file.Path;

/** Whether a volume's values can be read at all, and whether two volume/data payloads describe the same set. */
final class VolumeCheck {
    static final long MAX_SECTOR_BYTES = 1 << 16;

    private VolumeCheck() {}

    /** Fatal when the sizes cannot describe media a reader can decode with bounded memory. */
    static void sane(Path file, SectionDescriptor d, VolumeSection v, Findings findings) throws EwfFormatException {
        if (v.bytesPerSector() < 1 || v.bytesPerSector() > MAX_SECTOR_BYTES || v.sectorsPerChunk() < 1) {
            throw findings.fatal(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "bytes per sector " + v.bytesPerSector() + " and sectors per chunk " + v.sectorsPerChunk()
                            + " describe no readable chunk");
        }
        if (v.chunkBytes() > EwfLayout.MAX_CHUNK_BYTES) {
            throw findings.fatal(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "chunks of " + v.chunkBytes() + " bytes exceed the " + EwfLayout.MAX_CHUNK_BYTES
                            + " EnCase allows");
        }
        if (v.mediaBytes() < 0) {
            throw findings.fatal(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "sector count " + v.sectorCount() + " times " + v.bytesPerSector() + " bytes overflows");
        }
    }

    static boolean sameSet(VolumeSection a, VolumeSection b) {
        return a.chunkCount() == b.chunkCount()
                && a.sectorsPerChunk() == b.sectorsPerChunk()
                && a.bytesPerSector() == b.bytesPerSector()
                && a.sectorCount() == b.sectorCount()
                && a.setGuid().equals(b.setGuid());
    }

    static String describe(VolumeSection v) {
        return v.chunkCount() + " chunks of " + v.sectorsPerChunk() + " x " + v.bytesPerSector() + " bytes, "
                + v.sectorCount() + " sectors, set " + v.setGuid();
    }

    /** Chunks needed for the volume's media size. */
    static long chunksFor(VolumeSection v) {
        long media = v.mediaBytes();
        return media == 0 ? 0 : (media - 1) / v.chunkBytes() + 1;
    }
}

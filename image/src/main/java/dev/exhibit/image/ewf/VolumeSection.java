package dev.exhibit.image.ewf;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The payload of the {@code volume}, {@code disk} and {@code data} sections: 1052 bytes in E01 (the 94-byte SMART
 * layout is read too). Offsets as in the EWF specification: media type 0, chunk count 4, sectors per chunk 8, bytes
 * per sector 12, sector count 16 (64-bit), media flags 36, compression level 52, error granularity 56, set GUID 64
 * (Windows byte order), Adler-32 of bytes 0..1047 at 1048.
 */
record VolumeSection(
        int mediaType,
        long chunkCount,
        long sectorsPerChunk,
        long bytesPerSector,
        long sectorCount,
        int mediaFlags,
        int compressionLevel,
        UUID setGuid) {
    static final int BYTES = 1052;
    static final int SMART_BYTES = 94;
    static final int MEDIA_REMOVABLE = 0x00;
    static final int MEDIA_FIXED = 0x01;
    static final int FLAG_IMAGE = 0x01;
    static final int FLAG_PHYSICAL = 0x02;
    /** Exhibit's bad-sector ranges are exact to the sector. */
    static final int ERROR_GRANULARITY_SECTORS = 1;

    static byte[] encode(EwfLayout layout, UUID guid) {
        byte[] b = new byte[BYTES];
        b[0] = (byte) (layout.removable() ? MEDIA_REMOVABLE : MEDIA_FIXED);
        Bytes.putU32(b, 4, layout.chunkCount());
        Bytes.putU32(b, 8, layout.sectorsPerChunk());
        Bytes.putU32(b, 12, layout.bytesPerSector());
        Bytes.putU64(b, 16, layout.sectorCount());
        b[36] = (byte) (FLAG_IMAGE | (layout.physical() ? FLAG_PHYSICAL : 0));
        b[52] = (byte) layout.compression().volumeLevel();
        Bytes.putU32(b, 56, ERROR_GRANULARITY_SECTORS);
        putGuid(b, 64, guid);
        Bytes.sealAdler(b, 0, BYTES - 4);
        return b;
    }

    /** Parses a 1052- or 94-byte payload; the checksum is the caller's to check ({@link #checksumMatches}). */
    static VolumeSection parse(Path file, String section, long payloadOffset, byte[] b) throws EwfFormatException {
        if (b.length == SMART_BYTES) {
            return new VolumeSection(
                    MEDIA_FIXED,
                    Bytes.u32(b, 4),
                    Bytes.u32(b, 8),
                    Bytes.u32(b, 12),
                    Bytes.u32(b, 16),
                    FLAG_IMAGE,
                    0,
                    new UUID(0, 0));
        }
        if (b.length != BYTES) {
            throw EwfFormatException.at(
                    file,
                    section,
                    payloadOffset - SectionDescriptor.BYTES,
                    "payload is " + b.length + " bytes, expected " + BYTES + " (or " + SMART_BYTES + ")");
        }
        long sectors = Bytes.u64(b, 16);
        if (sectors < 0) {
            throw EwfFormatException.at(
                    file,
                    section,
                    payloadOffset + 16,
                    "sector count " + Long.toUnsignedString(sectors) + " is beyond 2^63");
        }
        return new VolumeSection(
                b[0] & 0xFF,
                Bytes.u32(b, 4),
                Bytes.u32(b, 8),
                Bytes.u32(b, 12),
                sectors,
                b[36] & 0xFF,
                b[52] & 0xFF,
                guid(b, 64));
    }

    static boolean checksumMatches(byte[] b) {
        return Bytes.adlerMatches(b, 0, b.length - 4);
    }

    static void putGuid(byte[] b, int off, UUID guid) {
        long hi = guid.getMostSignificantBits();
        long lo = guid.getLeastSignificantBits();
        Bytes.putI32(b, off, (int) (hi >>> 32));
        Bytes.putU16(b, off + 4, (int) (hi >>> 16) & 0xFFFF);
        Bytes.putU16(b, off + 6, (int) hi & 0xFFFF);
        for (int i = 0; i < 8; i++) {
            b[off + 8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
    }

    static UUID guid(byte[] b, int off) {
        long hi = Bytes.u32(b, off) << 32 | (long) Bytes.u16(b, off + 4) << 16 | Bytes.u16(b, off + 6);
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            lo = lo << 8 | (b[off + 8 + i] & 0xFF);
        }
        return new UUID(hi, lo);
    }

    /** Media bytes this volume describes, or -1 when sector count times sector size overflows. */
    long mediaBytes() {
        try {
            return Math.multiplyExact(sectorCount, bytesPerSector);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Chunk size in bytes, or -1 when it is not a sane size. */
    long chunkBytes() {
        return sectorsPerChunk * bytesPerSector;
    }
}

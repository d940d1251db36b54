package dev.exhibit.image.ewf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an E01 set says about itself. Header values are evidence text, kept exactly as stored: escape them before
 * display.
 *
 * @param segments the segment files, in order
 * @param header the main header fields by their codes ({@code c} case number, {@code n} evidence number, {@code e}
 *     examiner, {@code a} description, {@code t} notes, {@code md} model, {@code sn} serial number, {@code av} tool
 *     version, {@code ov} operating system, {@code m} acquisition time, {@code u} system time): from header2 when
 *     it is readable, else from header
 * @param mediaType volume byte 0: 0 removable, 1 fixed, 3 optical, 0x0E logical, 0x10 memory
 * @param mediaFlags volume byte 36: 0x01 image file, 0x02 physical device, 0x04 FastBloc, 0x08 Tableau
 * @param compressionLevel volume byte 52: 0 none, 1 fast, 2 best
 * @param storedMd5 the MD5 stored in the hash or digest section, lowercase hex, or null when there is none
 * @param storedSha1 the SHA-1 stored in the digest section, lowercase hex, or null when there is none
 * @param errors the error2 ranges (sectors the acquiring tool could not read)
 */
public record EwfInfo(
        List<Path> segments,
        Map<String, String> header,
        long mediaBytes,
        int bytesPerSector,
        int sectorsPerChunk,
        long chunkCount,
        int mediaType,
        int mediaFlags,
        int compressionLevel,
        UUID setGuid,
        String storedMd5,
        String storedSha1,
        List<SectorRange> errors) {
    public EwfInfo {
        segments = List.copyOf(segments);
        header = Map.copyOf(header);
        errors = List.copyOf(errors);
    }

    public long sectorCount() {
        return mediaBytes / bytesPerSector;
    }

    public int chunkBytes() {
        return sectorsPerChunk * bytesPerSector;
    }

    /** Whether the physical-device flag is set (a whole device rather than a partition or volume). */
    public boolean physical() {
        return (mediaFlags & VolumeSection.FLAG_PHYSICAL) != 0;
    }

    public String caseNumber() {
        return header.getOrDefault("c", "");
    }

    public String evidenceNumber() {
        return header.getOrDefault("n", "");
    }

    public String examiner() {
        return header.getOrDefault("e", "");
    }

    public String description() {
        return header.getOrDefault("a", "");
    }

    public String notes() {
        return header.getOrDefault("t", "");
    }

    /** The acquiring software's version ({@code av}). */
    public String toolVersion() {
        return header.getOrDefault("av", "");
    }

    /** The acquisition time when header2 stores it as POSIX seconds, else null (header's local time has no zone). */
    public Instant acquired() {
        String m = header.getOrDefault("m", "");
        return m.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(m)) : null;
    }
}

package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What the sections of a set hold, gathered as {@link SetParser} walks them: header fields, the volume (checked to
 * agree with every data section), the chunk groups, error2 ranges and stored hashes.
 */
final class SetContents {
    /** A compressed header section larger than this is not a header (EnCase hangs at 1 MiB of text). */
    static final int MAX_HEADER_SECTION_BYTES = 1 << 20;

    private final List<Path> segments;
    private final Findings findings;
    private final SegmentChannels channels;
    private final Headers headers;
    private final Tables tables;
    private VolumeSection volume;
    private Path volumeFile;
    private long volumeOffset;
    private byte[] hashMd5;
    private byte[] digestMd5;
    private byte[] digestSha1;
    private final List<SectorRange> errors = new ArrayList<>();
    private boolean done;

    SetContents(List<Path> segments, Findings findings, SegmentChannels channels) {
        this.segments = segments;
        this.findings = findings;
        this.channels = channels;
        this.headers = new Headers(findings, channels);
        this.tables = new Tables(findings, channels);
    }

    List<Path> segments() {
        return segments;
    }

    List<ChunkGroup> groups() {
        return tables.groups();
    }

    VolumeSection volume() {
        return volume;
    }

    void done() {
        done = true;
    }

    /** One section other than next/done, whose payload is {@code payloadBytes} long. */
    void section(int segment, SectionDescriptor d, long payloadBytes) throws IOException {
        Path file = segments.get(segment);
        switch (d.type()) {
            case SectionDescriptor.HEADER2, SectionDescriptor.HEADER -> headers.section(file, d, payloadBytes);
            case SectionDescriptor.VOLUME, SectionDescriptor.DISK, SectionDescriptor.DATA ->
                volume(file, d, payloadBytes);
            case SectionDescriptor.SECTORS -> tables.sectors(segment, d);
            case SectionDescriptor.TABLE, SectionDescriptor.TABLE2 -> tables.table(segment, file, d, payloadBytes);
            case SectionDescriptor.ERROR2 ->
                errors.addAll(Error2Reader.read(file, d, payloadBytes, findings, channels));
            case SectionDescriptor.DIGEST -> {
                byte[] p = hashPayload(file, d, payloadBytes, HashSections.DIGEST_BYTES);
                if (p != null) {
                    digestMd5 = HashSections.md5Of(p);
                    digestSha1 = HashSections.sha1Of(p);
                }
            }
            case SectionDescriptor.HASH -> {
                byte[] p = hashPayload(file, d, payloadBytes, HashSections.HASH_BYTES);
                if (p != null) {
                    hashMd5 = HashSections.md5Of(p);
                }
            }
            // Optical sessions, libewf's EWF-X XML sections and L01 file trees: nothing a disk image needs.
            case "session", "xheader", "xhash", "ltree", "ltypes", "map" -> {}
            case "incomplete" ->
                findings.warning(file, d.type(), d.fileOffset(), "the acquiring tool marked the image incomplete");
            default ->
                findings.warning(
                        file,
                        d.type(),
                        d.fileOffset(),
                        "unknown section type (" + payloadBytes + " bytes), skipped; ewfverify ignores it too");
        }
    }

    private void volume(Path file, SectionDescriptor d, long payloadBytes) throws IOException {
        if (payloadBytes != VolumeSection.BYTES && payloadBytes != VolumeSection.SMART_BYTES) {
            throw findings.fatal(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "payload is " + payloadBytes + " bytes, expected " + VolumeSection.BYTES + " (or "
                            + VolumeSection.SMART_BYTES + ")");
        }
        long at = d.fileOffset() + SectionDescriptor.BYTES;
        byte[] b = channels.read(file, d.type(), at, (int) payloadBytes);
        if (!VolumeSection.checksumMatches(b)) {
            throw findings.fatal(file, d.type(), d.fileOffset(), "payload checksum mismatch");
        }
        VolumeSection v = VolumeSection.parse(file, d.type(), at, b);
        if (volume == null) {
            VolumeCheck.sane(file, d, v, findings);
            volume = v;
            volumeFile = file;
            volumeOffset = d.fileOffset();
        } else if (!VolumeCheck.sameSet(volume, v)) {
            findings.severe(
                    file,
                    d.type(),
                    d.fileOffset(),
                    "says " + VolumeCheck.describe(v) + ", but "
                            + volumeFile.getFileName() + " at byte " + volumeOffset + " says "
                            + VolumeCheck.describe(volume)
                            + " (segments of different sets?)");
        }
    }

    private byte[] hashPayload(Path file, SectionDescriptor d, long payloadBytes, int want) throws IOException {
        if (payloadBytes < want) {
            findings.error(file, d.type(), d.fileOffset(), "payload is " + payloadBytes + " bytes, expected " + want);
            return null;
        }
        byte[] p = channels.read(file, d.type(), d.fileOffset() + SectionDescriptor.BYTES, want);
        if (!Bytes.adlerMatches(p, 0, want - 4)) {
            findings.error(file, d.type(), d.fileOffset(), "payload checksum mismatch: the stored hash is not used");
            return null;
        }
        return p;
    }

    /** Checks what only the whole set can tell (the volume, the end, the chunk count, the hashes). */
    void finish() throws IOException {
        Path first = segments.getFirst();
        if (volume == null) {
            throw findings.fatal(first, null, FileHeader.BYTES, "no volume, disk or data section in the set");
        }
        if (!done) {
            throw findings.fatal(segments.getLast(), null, -1, "the set has no 'done' section");
        }
        tables.finish();
        headers.finish(first);
        long expected = VolumeCheck.chunksFor(volume);
        if (tables.chunks() != volume.chunkCount() || tables.chunks() != expected) {
            findings.severe(
                    first,
                    SectionDescriptor.VOLUME,
                    volumeOffset,
                    "the tables list " + tables.chunks()
                            + " chunks; the volume counts " + volume.chunkCount() + " and its " + volume.sectorCount()
                            + " sectors need " + expected);
        }
        if (hashMd5 != null && digestMd5 != null && !java.util.Arrays.equals(hashMd5, digestMd5)) {
            findings.error(
                    segments.getLast(),
                    SectionDescriptor.HASH,
                    -1,
                    "the hash section's MD5 " + hex(hashMd5) + " differs from the digest section's " + hex(digestMd5));
        }
    }

    EwfInfo info() {
        Map<String, String> fields = headers.fields();
        byte[] md5 = hashMd5 != null ? hashMd5 : digestMd5;
        return new EwfInfo(
                segments,
                fields,
                volume.mediaBytes(),
                (int) volume.bytesPerSector(),
                (int) volume.sectorsPerChunk(),
                volume.chunkCount(),
                volume.mediaType(),
                volume.mediaFlags(),
                volume.compressionLevel(),
                volume.setGuid(),
                storedHex(md5),
                storedHex(digestSha1),
                errors);
    }

    /** Hex of a stored hash; null when absent or all zeros (a writer that did not hash). */
    private static String storedHex(byte[] h) {
        return h == null || Bytes.allZero(h, 0, h.length) ? null : hex(h);
    }

    private static String hex(byte[] h) {
        return HexFormat.of().formatHex(h);
    }
}

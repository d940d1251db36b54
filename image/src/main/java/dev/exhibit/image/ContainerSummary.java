package dev.exhibit.image;

import dev.exhibit.image.dmg.CodeSignature;
import dev.exhibit.image.dmg.DmgChecksums;
import dev.exhibit.image.dmg.DmgInfo;
import dev.exhibit.image.dmg.DmgReader;
import dev.exhibit.image.qcow2.Qcow2Info;
import dev.exhibit.image.qcow2.Qcow2Reader;
import dev.exhibit.image.sparse.SparseBundleReader;
import dev.exhibit.image.sparse.SparseImageReader;
import dev.exhibit.image.vdi.VdiReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the summary says about a container Exhibit decodes itself: its format, its codec mix (chunks or clusters of
 * each kind), the state of its own checksums, and notes an examiner must see (a code signature, a backing file, a
 * mismatch with both values).
 *
 * @param format the container's label ({@code dmg}, {@code qcow2}...)
 * @param description what it is, in words
 * @param codecs how many chunks (DMG) or clusters (QCOW2) are stored each way, by codec name
 * @param checksums {@code verified}, {@code mismatch}, {@code absent}, {@code not in the format}, or
 *     {@code unverifiable} (a chunk could not be decoded)
 * @param notes further facts, one sentence each
 */
public record ContainerSummary(
        String format, String description, Map<String, Long> codecs, String checksums, List<String> notes) {

    /** Describes {@code reader}'s container; for a DMG, decodes every region to check its CRC-32s. */
    public static ContainerSummary of(MediaReader reader) throws IOException {
        return switch (reader) {
            case DmgReader dmg -> dmg(dmg);
            case Qcow2Reader qcow -> qcow2(qcow);
            case VdiReader vdi -> vdi(vdi);
            case SparseImageReader sparse ->
                new ContainerSummary(
                        "sparseimage",
                        "Apple sparse image",
                        Map.of("stored", sparse.bandCensus()[0], "unallocated", sparse.bandCensus()[1]),
                        "not in the format",
                        List.of());
            case SparseBundleReader bundle ->
                new ContainerSummary(
                        "sparsebundle",
                        "Apple sparse bundle",
                        Map.of(),
                        "not in the format",
                        List.of(bundle.bandBytes() + "-byte bands"));
            default -> new ContainerSummary(reader.format(), reader.format(), Map.of(), "not checked", List.of());
        };
    }

    private static ContainerSummary dmg(DmgReader r) throws IOException {
        DmgInfo info = r.info();
        Map<String, Long> codecs = new LinkedHashMap<>();
        info.codecChunks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> codecs.put(e.getKey(), (long) e.getValue()));
        List<String> notes = new ArrayList<>();
        notes.add(info.regions().size() + " regions; data fork checksum " + info.dataForkChecksum()
                + ", master checksum " + info.masterChecksum());
        CodeSignature sig = info.signature();
        if (sig.present()) {
            notes.add("code signature at file byte " + sig.fileOffset() + " (" + sig.lengthBytes() + " bytes)"
                    + (sig.identifier().isEmpty() ? "" : ", identifier '" + sig.identifier() + "'")
                    + (sig.cmsBytes() > 0 ? ", CMS signature of " + sig.cmsBytes() + " bytes" : ", ad-hoc (no signer)")
                    + (sig.wellFormed() ? "" : ", malformed") + "; trust not evaluated");
        }
        if (info.unclaimedSectors() > 0) {
            notes.add(info.unclaimedSectors() + " sectors claimed by no chunk, read as zeros");
        }
        String state;
        try {
            DmgChecksums sums = r.verifyChecksums();
            state = sums.overall();
            for (DmgChecksums.Result x : sums.regions()) {
                mismatch(notes, x);
            }
            mismatch(notes, sums.master());
            mismatch(notes, sums.dataFork());
        } catch (MediaFormatException e) {
            state = "unverifiable";
            notes.add("checksums not verified: " + e.getMessage());
        }
        return new ContainerSummary("dmg", "Apple UDIF disk image", Map.copyOf(codecs), state, List.copyOf(notes));
    }

    private static void mismatch(List<String> notes, DmgChecksums.Result x) {
        if (x.state() == DmgChecksums.State.MISMATCH) {
            notes.add("CRC-32 mismatch in " + x.what() + ": stored " + x.stored() + ", computed " + x.computed());
        }
    }

    private static ContainerSummary qcow2(Qcow2Reader r) throws IOException {
        Qcow2Info info = r.info();
        Map<String, Long> codecs = new LinkedHashMap<>();
        codecs.put("stored", info.storedClusters());
        codecs.put("zlib", info.compressedClusters());
        codecs.put("zero", info.zeroClusters());
        codecs.put("unallocated", info.unallocatedClusters());
        List<String> notes = new ArrayList<>();
        notes.add("version " + info.version() + ", " + info.clusterBytes() + "-byte clusters");
        if (!info.backingFile().isEmpty()) {
            notes.add("backing file '" + info.backingFile() + "': unallocated clusters read from it");
        }
        if (info.snapshots() > 0) {
            notes.add(info.snapshots() + " internal snapshots, not read (the active state is)");
        }
        if (info.dirty()) {
            notes.add("marked dirty (not closed cleanly)");
        }
        if (info.markedCorrupt()) {
            notes.add("marked corrupt by qemu");
        }
        return new ContainerSummary(
                "qcow2",
                "QEMU copy-on-write v" + info.version(),
                Map.copyOf(codecs),
                "not in the format",
                List.copyOf(notes));
    }

    private static ContainerSummary vdi(VdiReader r) {
        long[] c = r.blockCensus();
        Map<String, Long> codecs = new LinkedHashMap<>();
        codecs.put("stored", c[0]);
        codecs.put("zero", c[1]);
        codecs.put("unallocated", c[2]);
        return new ContainerSummary(
                "vdi",
                "VirtualBox disk image",
                Map.copyOf(codecs),
                "not in the format",
                List.of(r.imageType() + ", " + r.blockBytes() + "-byte blocks"));
    }
}

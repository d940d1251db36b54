package dev.exhibit.image.dmg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a UDIF says about itself, for the summary.
 *
 * @param version the trailer's version (4 for every hdiutil image seen)
 * @param mediaBytes size of the media in bytes
 * @param regions each {@code blkx} region: name, first sector, sector count, stored checksum
 * @param codecChunks the codec mix: how many chunks of each type ({@code zlib}, {@code raw}, {@code zero}...)
 * @param dataForkChecksum the data fork's stored checksum ({@code none} when absent)
 * @param masterChecksum the stored checksum over the regions' checksums
 * @param unclaimedSectors sectors no chunk claims (read as zeros)
 * @param signature the embedded code signature, {@link CodeSignature#present()} false when unsigned
 */
public record DmgInfo(
        int version,
        long mediaBytes,
        List<Region> regions,
        Map<String, Integer> codecChunks,
        String dataForkChecksum,
        String masterChecksum,
        long unclaimedSectors,
        CodeSignature signature) {

    /** One region of the disk as its {@code blkx} entry names it. */
    public record Region(String name, long firstSector, long sectorCount, String checksum) {}

    static DmgInfo of(Path file, FileChannel ch, Koly koly, List<MishTable> tables, DmgLayout layout)
            throws IOException {
        List<Region> regions = new ArrayList<>();
        for (MishTable t : tables) {
            regions.add(new Region(t.name(), t.firstSector(), t.sectorCount(), describe(t.checksum())));
        }
        Map<String, Integer> mix = new TreeMap<>();
        for (Chunk c : layout.chunks()) {
            mix.merge(c.type().label, 1, Integer::sum);
        }
        CodeSignature signature = CodeSignature.NONE;
        if (koly.signatureBytes() > 0) {
            int n = (int) Math.min(koly.signatureBytes(), 16L << 20);
            signature = CodeSignature.parse(
                    koly.signatureOffset(), DmgReader.readFully(ch, koly.signatureOffset(), n, file, "code signature"));
        }
        return new DmgInfo(
                koly.version(),
                koly.sectorCount() * 512,
                List.copyOf(regions),
                Map.copyOf(mix),
                describe(koly.dataForkChecksum()),
                describe(koly.masterChecksum()),
                layout.unclaimedSectors(),
                signature);
    }

    /** {@code crc32:4a9766ce}, {@code none}, or {@code type-T/B:hex} for types Exhibit does not check. */
    static String describe(Checksum c) {
        if (c.absent()) {
            return "none";
        }
        if (c.isCrc32()) {
            return "crc32:" + c.hex();
        }
        return "type-" + c.type() + "/" + c.bits() + ":" + c.hex();
    }
}

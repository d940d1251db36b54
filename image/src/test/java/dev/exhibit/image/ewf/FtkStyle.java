package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a one-segment Exhibit set into the shape FTK Imager 2.9 writes: the volume section named {@code disk},
 * tables with base offset 0 and absolute entries, a {@code done} section of 76 bytes.
 */
final class FtkStyle {
    private FtkStyle() {}

    static void convert(Path e01) throws IOException {
        for (SectionDescriptor d : SectionsOf.descriptors(e01)) {
            switch (d.type()) {
                case SectionDescriptor.VOLUME ->
                    Damage.descriptor(e01, d.fileOffset(), SectionDescriptor.DISK, d.next(), d.sizeBytes());
                case SectionDescriptor.TABLE, SectionDescriptor.TABLE2 -> absolute(e01, d);
                case SectionDescriptor.DONE ->
                    Damage.descriptor(
                            e01, d.fileOffset(), SectionDescriptor.DONE, d.fileOffset(), SectionDescriptor.BYTES);
                default -> {}
            }
        }
    }

    private static void absolute(Path e01, SectionDescriptor d) throws IOException {
        byte[] all = Files.readAllBytes(e01);
        int p = (int) d.fileOffset() + SectionDescriptor.BYTES;
        int n = Bytes.i32(all, p);
        long base = Bytes.u64(all, p + 8);
        int[] entries = new int[n];
        for (int i = 0; i < n; i++) {
            int e = Bytes.i32(all, p + TableSection.HEADER_BYTES + 4 * i);
            entries[i] = (int) (base + TableSection.offsetOf(e)) | (e & TableSection.COMPRESSED_BIT);
        }
        Damage.write(e01, p, TableSection.encode(entries, n, 0));
    }
}

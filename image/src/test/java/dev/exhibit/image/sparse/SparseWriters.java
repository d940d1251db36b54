package dev.exhibit.image.sparse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Test-only writers of the two Apple sparse formats, as the reference describes them (no Debian tool writes either):
 * bands that are all zeros are left out, stored bands go in shuffled order, as a disk written out of order leaves them.
 */
final class SparseWriters {
    private SparseWriters() {}

    static byte[] sparseImage(byte[] disk, int sectorsPerBand, long seed) {
        int band = sectorsPerBand * 512;
        int bands = (disk.length + band - 1) / band;
        List<Integer> stored = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            if (!allZero(disk, b * band, band)) {
                stored.add(b);
            }
        }
        Collections.shuffle(stored, new Random(seed));
        ByteBuffer f = ByteBuffer.allocate(SparseImageReader.HEADER_BYTES + stored.size() * band);
        f.putInt(0, 0x73707273)
                .putInt(4, 3)
                .putInt(8, sectorsPerBand)
                .putInt(12, 1)
                .putInt(16, disk.length / 512);
        for (int i = 0; i < stored.size(); i++) {
            int b = stored.get(i);
            f.putInt(64 + 4 * i, b + 1);
            int from = b * band;
            f.put(SparseImageReader.HEADER_BYTES + i * band, disk, from, Math.min(band, disk.length - from));
        }
        return f.array();
    }

    static Path sparseBundle(Path dir, byte[] disk, int bandBytes) throws IOException {
        Files.createDirectories(dir.resolve("bands"));
        Files.writeString(dir.resolve("Info.plist"), plist(disk.length, bandBytes));
        Files.write(dir.resolve("token"), new byte[0]);
        for (int b = 0; b * (long) bandBytes < disk.length; b++) {
            int from = b * bandBytes;
            int to = Math.min(disk.length, from + bandBytes);
            int end = to;
            while (end > from && disk[end - 1] == 0) {
                end--; // hdiutil's bands end where their data ends
            }
            if (end > from) {
                Files.write(dir.resolve("bands").resolve(Integer.toHexString(b)), Arrays.copyOfRange(disk, from, end));
            }
        }
        return dir;
    }

    static String plist(long size, int bandBytes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
                + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n<dict>\n"
                + "\t<key>CFBundleInfoDictionaryVersion</key>\n\t<string>6.0</string>\n"
                + "\t<key>band-size</key>\n\t<integer>" + bandBytes + "</integer>\n"
                + "\t<key>bundle-backingstore-version</key>\n\t<integer>1</integer>\n"
                + "\t<key>diskimage-bundle-type</key>\n\t<string>com.apple.diskimage.sparsebundle</string>\n"
                + "\t<key>size</key>\n\t<integer>" + size + "</integer>\n"
                + "</dict>\n</plist>\n";
    }

    private static boolean allZero(byte[] d, int from, int length) {
        for (int i = from; i < Math.min(d.length, from + length); i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

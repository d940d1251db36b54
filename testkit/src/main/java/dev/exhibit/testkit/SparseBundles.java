package dev.exhibit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Apple sparse bundles cut from a raw disk, as hdiutil lays them out, for tests of the stages that read them. */
public final class SparseBundles {
    private SparseBundles() {}

    /** Writes {@code bundle}: its Info.plist and one band file of {@code bandBytes} per band of {@code raw}. */
    public static Path cut(Path raw, Path bundle, int bandBytes) {
        try {
            byte[] disk = Files.readAllBytes(raw);
            Files.createDirectories(bundle.resolve("bands"));
            for (int b = 0; (long) b * bandBytes < disk.length; b++) {
                Files.write(
                        bundle.resolve("bands").resolve(Integer.toHexString(b)),
                        Arrays.copyOfRange(disk, b * bandBytes, Math.min(disk.length, (b + 1) * bandBytes)));
            }
            Files.writeString(
                    bundle.resolve("Info.plist"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>band-size</key>"
                            + "<integer>" + bandBytes + "</integer><key>diskimage-bundle-type</key>"
                            + "<string>com.apple.diskimage.sparsebundle</string><key>size</key><integer>"
                            + disk.length + "</integer></dict></plist>\n");
            return bundle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

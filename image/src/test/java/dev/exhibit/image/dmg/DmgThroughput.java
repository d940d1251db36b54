package dev.exhibit.image.dmg;

import dev.exhibit.image.TestMedia;
import dev.exhibit.image.dmg.UdifWriter.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the DMG reader (a measurement, not a test; docs/images.md has the figures): {@code java -cp ...
 * DmgThroughput make RAW OUT.dmg} writes a zlib DMG of 1 MiB chunks, as hdiutil does; {@code ... read X.dmg} reads
 * its media in sequence and hashes it (MD5), printing the rate.
 */
final class DmgThroughput {
    private DmgThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("make")) {
            byte[] disk = Files.readAllBytes(Path.of(args[1]));
            List<Spec> chunks = new ArrayList<>();
            for (int s = 0; s < disk.length / 512; s += 2048) {
                chunks.add(new Spec(ChunkType.ZLIB, Math.min(2048, disk.length / 512 - s)));
            }
            Files.write(
                    Path.of(args[2]),
                    new UdifWriter()
                            .region("disk image (Apple_HFS : 1)", chunks.toArray(Spec[]::new))
                            .write(disk));
            return;
        }
        try (DmgReader r = DmgReader.open(Path.of(args[1]))) {
            long start = System.nanoTime();
            String md5 = TestMedia.md5(r, 1 << 20);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%s  %d bytes in %.2f s: %.0f MB/s%n", md5, r.sizeBytes(), seconds, r.sizeBytes() / seconds / 1e6);
        }
    }
}

package dev.exhibit.image.lzfse;

import dev.exhibit.testkit.SharedImages;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The LZFSE chunks of keramics' hfsplus_lzfse.dmg (hdiutil's output), each with the size it decodes to. */
final class DmgSamples {
    static final String IMAGE = "keramics-hfsplus_lzfse.dmg";

    /** One chunk's stored LZFSE stream and its decoded size in bytes. */
    record Sample(byte[] stream, int decodedBytes) {
        /** The magic of the stream's first block, as text ("bvx2"). */
        String firstBlock() {
            return new String(stream, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static List<Sample> samples;

    private DmgSamples() {}

    static synchronized List<Sample> all() throws Exception {
        if (samples == null) {
            byte[] file = Files.readAllBytes(SharedImages.get(IMAGE));
            List<Sample> found = new ArrayList<>();
            for (UdifChunks.Chunk chunk : UdifChunks.read(file)) {
                if (chunk.type() == UdifChunks.LZFSE) {
                    int from = Math.toIntExact(chunk.fileOffset());
                    byte[] stream = Arrays.copyOfRange(file, from, from + Math.toIntExact(chunk.storedBytes()));
                    found.add(new Sample(stream, chunk.decodedBytes()));
                }
            }
            samples = List.copyOf(found);
        }
        return samples;
    }

    /** The largest bvx2 chunk (1,029,120 bytes decoded from 2,158 stored). */
    static Sample largestFse() throws Exception {
        return all().stream()
                .filter(s -> s.firstBlock().equals("bvx2"))
                .max(java.util.Comparator.comparingInt(Sample::decodedBytes))
                .orElseThrow();
    }
}

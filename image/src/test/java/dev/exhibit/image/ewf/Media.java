package dev.exhibit.image.ewf;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test media and a plain writing loop over it (what acquire does, without its pipeline). */
final class Media {
    private Media() {}

    /**
     * Seeded mixed media: random, zero, text and uniform chunks in turn, a short tail of {@code tailSectors} sectors,
     * {@code chunks} full 32 KiB chunks before it.
     */
    static byte[] mixed(long seed, int chunks, int tailSectors) {
        int chunk = 32 * 1024;
        byte[] b = new byte[chunks * chunk + tailSectors * 512];
        Random r = new Random(seed);
        byte[] text = ("The quick brown fox jumps over the lazy dog; exhibit E01 test text, chunk after chunk.\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int c = 0; c * chunk < b.length; c++) {
            int from = c * chunk;
            int to = Math.min(b.length, from + chunk);
            switch (c % 5) {
                case 0, 4 -> {
                    byte[] rnd = new byte[to - from];
                    r.nextBytes(rnd);
                    System.arraycopy(rnd, 0, b, from, rnd.length);
                }
                case 1 -> {}
                case 2 -> {
                    for (int i = from; i < to; i++) {
                        b[i] = i % 97 == 0 ? (byte) r.nextInt(128) : text[i % text.length];
                    }
                }
                default -> java.util.Arrays.fill(b, from, to, (byte) 0xAA);
            }
        }
        return b;
    }

    static String hex(HashAlgorithm a, byte[] media) {
        return HexFormat.of().formatHex(a.newDigest().digest(media));
    }

    static EwfHeader header() {
        return new EwfHeader(
                "CASE-42",
                "EV-7",
                "Jo Examiner",
                "USB stick\tfrom desk\r\ndrawer",
                "notes",
                "SanDisk Cruzer",
                "SN123",
                java.time.Instant.parse("2026-03-01T10:20:30Z"),
                java.time.Instant.parse("2026-03-01T10:20:31Z"),
                "Linux 6.1.0-amd64-with-a-long-name",
                "exhibit 0.1.0-SNAPSHOT");
    }

    static EwfLayout layout(long mediaBytes, long segmentBytes, EwfCompression c) {
        return new EwfLayout(mediaBytes, 512, 64, segmentBytes, c, true, false);
    }

    /** Writes {@code media} from chunk {@code from} on and finishes the set. */
    static List<Path> writeRest(EwfWriter w, EwfLayout layout, byte[] media, List<SectorRange> bad) throws IOException {
        appendChunks(w, layout, media, w.chunksWritten(), layout.chunkCount());
        w.finish(
                bad,
                HashAlgorithm.MD5.newDigest().digest(media),
                HashAlgorithm.SHA1.newDigest().digest(media));
        return w.segments();
    }

    static void appendChunks(EwfWriter w, EwfLayout layout, byte[] media, long from, long to) throws IOException {
        try (ChunkEncoder enc = new ChunkEncoder(layout.compression(), layout.chunkBytes())) {
            for (long c = from; c < to; c++) {
                int off = (int) (c * layout.chunkBytes());
                int len = Math.min(layout.chunkBytes(), media.length - off);
                w.append(enc.encode(MemorySegment.ofArray(media).asSlice(off, len)));
            }
        }
    }

    static List<Path> write(Path dir, byte[] media, EwfLayout layout, List<SectorRange> bad, int groupLimit)
            throws IOException {
        Files.createDirectories(dir);
        try (EwfWriter w = EwfWriter.create(dir, "image", layout, header())) {
            w.limitGroupEntries(groupLimit);
            return writeRest(w, layout, media, bad);
        }
    }

    static MessageDigest md5() {
        return HashAlgorithm.MD5.newDigest();
    }
}

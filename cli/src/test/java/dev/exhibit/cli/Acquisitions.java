package dev.exhibit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helpers around acquisitions: sources with known bytes, the log's records, coreutils oracles. */
final class Acquisitions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Acquisitions() {}

    /** A file of {@code bytes} pseudo-random bytes from {@code seed}. */
    static Path randomFile(Path file, long bytes, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                r.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    /** {@code ALG sum FILE}'s digest, e.g. {@code sum("sha256", f)}. */
    static String sum(String algorithm, Path file) {
        return Proc.firstField(Proc.run(algorithm + "sum", file.toString()).ok());
    }

    /** The SHA-256 of {@code length} bytes of {@code file} at {@code offset}, with dd and sha256sum. */
    static String ddSha256(Path file, long offset, long length) {
        String cmd = "dd if='" + file + "' iflag=skip_bytes,count_bytes skip=" + offset + " count=" + length
                + " status=none | sha256sum";
        return Proc.firstField(Proc.run("sh", "-c", cmd).ok());
    }

    static List<JsonNode> records(Path log) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static List<JsonNode> records(Path log, String type) throws IOException {
        return records(log).stream()
                .filter(r -> r.path("type").asText().equals(type))
                .toList();
    }

    static Path log(Path outDir) {
        return outDir.resolve("acquisition.log.jsonl");
    }

    /**
     * The attacker: flips four image bytes, then rewrites the log with the image's new window and whole-image hashes
     * (from dd, md5sum, sha1sum and sha256sum), drops the records of the types asked, and re-chains every line.
     */
    static void tamper(Path item, long byteOffset, java.util.function.Predicate<String> dropTypes) throws IOException {
        tamper(item, byteOffset, dropTypes, r -> {});
    }

    /** Like {@link #tamper(Path, long, java.util.function.Predicate)}, with {@code edit} applied to every record kept. */
    static void tamper(
            Path item,
            long byteOffset,
            java.util.function.Predicate<String> dropTypes,
            java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        Path image = item.resolve("image.raw");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            byte[] b = new byte[4];
            f.seek(byteOffset);
            f.readFully(b);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xFF;
            }
            f.seek(byteOffset);
            f.write(b);
        }
        rechain(item.resolve("acquisition.log.jsonl"), dropTypes, rec -> {
            if (rec.path("type").asText().equals("window")) {
                rec.put(
                        "sha256",
                        ddSha256(
                                image,
                                rec.path("byteOffset").asLong(),
                                rec.path("lengthBytes").asLong()));
            }
            if (rec.path("type").asText().equals("end")) {
                ObjectNode hashes = (ObjectNode) rec.get("hashes");
                hashes.fieldNames().forEachRemaining(a -> hashes.put(a, sum(a, image)));
            }
            edit.accept(rec);
        });
    }

    /**
     * Rewrites a log as someone holding the directory can: {@code edit} applied to every record kept, then every
     * {@code seq} and {@code prev} recomputed, so the chain walks intact.
     */
    static void rechain(
            Path log, java.util.function.Predicate<String> dropTypes, java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        List<String> out = new ArrayList<>();
        String prev = Sha256.ZERO;
        for (JsonNode r : records(log)) {
            ObjectNode rec = (ObjectNode) r;
            if (dropTypes.test(rec.path("type").asText())) {
                continue;
            }
            edit.accept(rec);
            rec.put("seq", out.size());
            rec.put("prev", prev);
            String line = Jcs.canonicalString(rec);
            prev = Sha256.hex(line.getBytes(StandardCharsets.UTF_8));
            out.add(line);
        }
        Files.write(log, out, StandardCharsets.UTF_8);
    }

    /**
     * Edits the {@code source} record (line 2) in place to declare a hardware write blocker nobody declared, leaving
     * every other line as it was: the chain breaks at line 3.
     */
    static void declareHardwareBlockerAfterTheFact(Path log) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        String claimed =
                lines.get(1).replace("\"hardwareBlocker\":\"none declared\"", "\"hardwareBlocker\":\"Tableau T35u\"");
        if (claimed.equals(lines.get(1))) {
            throw new IllegalStateException("line 2 of " + log + " declares no hardware write blocker to change");
        }
        lines.set(1, claimed);
        Files.write(log, lines, StandardCharsets.UTF_8);
    }

    /** Where {@code needle} first stands in {@code haystack}, or -1: media bytes an E01 stored raw are found so. */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

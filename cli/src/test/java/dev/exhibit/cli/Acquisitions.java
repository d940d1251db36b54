package dev.exhibit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.OutputStream;
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
}

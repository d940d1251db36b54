package dev.exhibit.acquire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Debian tools say about an E01 acquisition: {@code ewfverify} (chunk checksums, zlib streams, the stored
 * MD5 and SHA-1), {@code ewfexport} (the media bytes, decoded by libewf, not by Exhibit) and {@code ewfinfo} (the
 * error2 ranges). {@link #asRaw} turns an E01 acquisition into one the raw oracles of {@link AcquisitionOracle} check.
 */
public final class EwfOracle {
    private static final Pattern STORED = Pattern.compile("(MD5|SHA1) hash stored in file:\\s+([0-9a-f]+)");
    private static final Pattern CALCULATED = Pattern.compile("(MD5|SHA1) hash calculated over data:\\s+([0-9a-f]+)");
    private static final Pattern ERROR2 = Pattern.compile("at sector\\(s\\): (\\d+) - (\\d+) number: (\\d+)");

    private EwfOracle() {}

    /** A source that looks like a used disk: zeros, text, random (already compressed) and low-entropy blocks. */
    public static Path mixedSource(Path file, long sizeBytes, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[64 << 10];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long at = 0; at < sizeBytes; at += block.length) {
                switch ((int) (at / block.length % 4)) {
                    case 0 -> Arrays.fill(block, (byte) 0);
                    case 1 -> {
                        byte[] text = ("block " + at + ": the quick brown fox jumps over the lazy dog.\n")
                                .getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < block.length; i++) {
                            block[i] = text[i % text.length];
                        }
                    }
                    case 2 -> random.nextBytes(block);
                    default -> {
                        for (int i = 0; i < block.length; i++) {
                            block[i] = (byte) random.nextInt(4);
                        }
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, sizeBytes - at));
            }
        }
        return file;
    }

    /**
     * {@code ewfverify -q -d sha1} accepts the set, and the MD5 and SHA-1 stored in it equal both those ewfverify
     * computes over the media and those of the log's {@code end} record (ewfverify passes a set with no stored hash).
     */
    public static void assertEwfverifyPasses(Path outDir) throws IOException {
        Proc.Result r = Proc.run(
                "ewfverify", "-q", "-d", "sha1", outDir.resolve("image.E01").toString());
        assertThat(r.exitCode()).as("ewfverify: %s", r).isZero();
        JsonNode hashes =
                AcquisitionOracle.log(outDir).last("end").orElseThrow().path("hashes");
        for (String[] alg : new String[][] {{"MD5", "md5"}, {"SHA1", "sha1"}}) {
            assertThat(value(STORED, r.stdout(), alg[0]))
                    .as("%s stored: %s", alg[0], r)
                    .isEqualTo(hashes.path(alg[1]).asText());
            assertThat(value(CALCULATED, r.stdout(), alg[0]))
                    .as("%s calculated", alg[0])
                    .isEqualTo(hashes.path(alg[1]).asText());
        }
    }

    /**
     * A directory that looks like a raw acquisition of the same source: {@code image.raw} exported by {@code ewfexport}
     * (to a file: to stdout, Debian's build appends its own status line) beside links to the log and the map.
     */
    public static Path asRaw(Path outDir, Path work) throws IOException {
        Path view = Files.createDirectories(work);
        Proc.run(
                        "ewfexport",
                        "-u",
                        "-q",
                        "-f",
                        "raw",
                        "-t",
                        view.resolve("image").toString(),
                        outDir.resolve("image.E01").toString())
                .ok();
        Files.deleteIfExists(view.resolve("image.raw.info"));
        for (String f : new String[] {"acquisition.log.jsonl", "badsectors.map"}) {
            if (Files.exists(outDir.resolve(f))) {
                Files.createSymbolicLink(view.resolve(f), outDir.resolve(f).toAbsolutePath());
            }
        }
        return view;
    }

    /** The error2 ranges {@code ewfinfo -e} lists, as {first sector, count}. */
    public static List<long[]> error2(Path outDir) {
        Proc.Result r = Proc.run("ewfinfo", "-e", outDir.resolve("image.E01").toString())
                .ok();
        List<long[]> out = new ArrayList<>();
        Matcher m = ERROR2.matcher(r.stdout());
        while (m.find()) {
            long first = Long.parseLong(m.group(1));
            long count = Long.parseLong(m.group(3));
            assertThat(Long.parseLong(m.group(2)))
                    .as("last sector of %s", m.group())
                    .isEqualTo(first + count - 1);
            out.add(new long[] {first, count});
        }
        return out;
    }

    /** Each {@code segment} record names the set's files in order, with the SHA-256 {@code sha256sum} gives. */
    public static List<Path> assertSegmentRecordsMatchFiles(Path outDir) throws IOException {
        List<JsonNode> segments = AcquisitionOracle.log(outDir).all("segment");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            JsonNode s = segments.get(i);
            Path f = outDir.resolve(s.path("file").asText());
            files.add(f);
            assertThat(s.path("index").asInt()).isEqualTo(i + 1);
            assertThat(f.getFileName().toString())
                    .isEqualTo(
                            i < 99
                                    ? String.format("image.E%02d", i + 1)
                                    : f.getFileName().toString());
            assertThat(s.path("fileBytes").asLong()).isEqualTo(Files.size(f));
            assertThat(s.path("sha256").asText())
                    .as("SHA-256 of %s", f)
                    .isEqualTo(
                            Proc.firstField(Proc.run("sha256sum", f.toString()).ok()));
        }
        assertThat(AcquisitionOracle.log(outDir).last("end").orElseThrow().path("files"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(
                        files.stream().map(p -> p.getFileName().toString()).toList());
        return files;
    }

    private static String value(Pattern p, String text, String alg) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(alg)) {
                return m.group(2);
            }
        }
        return "(none in the output)";
    }
}

package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.analyze.hashset.HashSetChoice;
import dev.exhibit.analyze.hashset.HashSetStore;
import dev.exhibit.analyze.hashset.SetKind;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze files --hash ... --hashset}: each data stream is marked with the sets that hold what icat reads at
 * its address, deleted files and NTFS alternate data streams included; notable ones are reported with their path.
 */
class HashSetHitsTest {
    private static final List<HashAlgorithm> MD5_SHA256 = List.of(HashAlgorithm.MD5, HashAlgorithm.SHA256);

    @TempDir
    Path dir;

    @Test
    void listing_marksEveryStreamWithTheSetsHoldingWhatIcatReads_andReportsNotableOnes() throws Exception {
        Path image = TestImages.get("ntfs");
        List<JsonNode> streams = new ArrayList<>();
        for (String line : list(image, new ContentOptions(MD5_SHA256, false, 2), new ArrayList<>())
                .lines()
                .toList()) {
            JsonNode r = Jcs.mapper().readTree(line);
            if (r.has("md5")) {
                streams.add(r);
            }
        }
        // a notable set of one deleted file and one alternate data stream, by MD5 (a plain list); a known set of
        // three other streams, by SHA-256 as sha256sum writes it for their content as icat reads it
        JsonNode deleted = streams.stream()
                .filter(r -> r.path("deleted").asBoolean())
                .findFirst()
                .orElseThrow();
        JsonNode ads = streams.stream()
                .filter(r -> !r.path("stream").isNull())
                .findFirst()
                .orElseThrow();
        List<JsonNode> known = streams.stream()
                .filter(r -> r != deleted && r != ads && r.path("size").asLong() > 0)
                .filter(r -> !r.path("md5").asText().equals(deleted.path("md5").asText()))
                .filter(r -> !r.path("md5").asText().equals(ads.path("md5").asText()))
                .limit(3)
                .toList();
        List<String> notableMd5 = new ArrayList<>();
        for (JsonNode r : List.of(deleted, ads)) {
            Files.write(
                    dir.resolve("content"),
                    Tsk.icat(image, 0, null, r.path("inode").asText(), false));
            notableMd5.add(
                    Proc.firstField(Proc.run("md5sum", dir.resolve("content").toString())));
        }
        Files.write(dir.resolve("notable.txt"), notableMd5);
        StringBuilder knownList = new StringBuilder();
        for (JsonNode r : known) {
            Path content = Files.write(
                    dir.resolve("known-" + knownList.length()),
                    Tsk.icat(image, 0, null, r.path("inode").asText(), false));
            knownList.append(Proc.run("sha256sum", content.toString()).ok().stdout());
        }
        Files.writeString(dir.resolve("known.sha256"), knownList);
        HashSetStore store = HashSetStore.at(dir.resolve("store"));
        Invocation inv = Invocation.of("exhibit", List.of());
        store.importFiles("bad", SetKind.NOTABLE, null, List.of(dir.resolve("notable.txt")), inv);
        store.importFiles("os", SetKind.KNOWN, null, List.of(dir.resolve("known.sha256")), inv);

        List<String> notes = new ArrayList<>();
        ContentOptions options = new ContentOptions(MD5_SHA256, false, 2)
                .lookingUp(new HashSetChoice(store.directory(), List.of("os", "bad")));
        int marked = 0;
        for (String line : list(image, options, notes).lines().toList()) {
            JsonNode r = Jcs.mapper().readTree(line);
            if (!r.has("md5")) {
                assertThat(r.has("hashsets")).as(line).isFalse();
                continue;
            }
            List<String> expected = new ArrayList<>();
            if (known.stream().anyMatch(k -> k.path("sha256").equals(r.path("sha256")))) {
                expected.add("os");
            }
            if (notableMd5.contains(r.path("md5").asText())) {
                expected.add("bad");
            }
            List<String> sets = new ArrayList<>();
            r.path("hashsets").forEach(s -> sets.add(s.asText()));
            assertThat(sets).as(line).isEqualTo(expected);
            marked += expected.isEmpty() ? 0 : 1;
        }
        assertThat(marked).isGreaterThanOrEqualTo(5);
        long notable = notes.stream().filter(n -> n.startsWith("notable: ")).count();
        assertThat(notes)
                .anyMatch(n -> n.startsWith("notable: " + deleted.path("path").asText() + " in ")
                        && n.contains(" is in bad (notable); md5 " + notableMd5.getFirst()))
                .anyMatch(n -> n.startsWith("notable: " + ads.path("path").asText() + ":"
                        + ads.path("stream").asText() + " in "));
        assertThat(notes.getLast())
                .matches("hash sets in .*: \\d+ data streams hashed, \\d+ known, " + notable
                        + " notable \\(looked up in os \\(known\\), bad \\(notable\\)\\)");
    }

    private static String list(Path image, ContentOptions options, List<String> notes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try (ByteOut out = ByteOut.to(Channels.newChannel(bytes))) {
            FileListing.run(
                    new FileListing.Request(image, Selection.ALL, FileListing.Format.JSON_LINES).reading(options),
                    out,
                    FileListing.Progress.NONE,
                    Diagnostics.of(w -> {}, problems::add, notes::add));
        }
        assertThat(problems).isEmpty();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

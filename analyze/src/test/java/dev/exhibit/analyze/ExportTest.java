package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.testkit.Sfdisk;
import dev.exhibit.testkit.TestImages;
import dev.exhibit.testkit.Tsk;
import dev.exhibit.testkit.Unchanged;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportTest {
    @TempDir
    Path tmp;

    /** Per partition, the same files with the same content as tsk_recover -o (deleted only) and -e -o (all). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void export_writesWhatTskRecoverWrites(boolean deletedOnly) throws Exception {
        Path image = TestImages.get("mbr");
        Unchanged before = Unchanged.of(TestImages.segments("mbr"));
        List<Tsk.MmlsRow> mmls = Tsk.mmls(image);
        Path dest = tmp.resolve("ours");
        Export.Result r = export(image, dest, deletedOnly, Selection.ALL);
        long expectedFiles = 0;
        for (int i = 0; i < mmls.size(); i++) {
            Tsk.MmlsRow row = mmls.get(i);
            if (!row.slot().matches("\\d{3}:\\d{3}")) {
                continue;
            }
            Path theirs = tmp.resolve("tsk-" + row.startSector());
            List<String> args = new ArrayList<>(List.of("tsk_recover", "-o", Long.toString(row.startSector())));
            if (!deletedOnly) {
                args.add("-e");
            }
            args.addAll(List.of(image.toString(), theirs.toString()));
            Tsk.run(args.toArray(String[]::new)).ok();
            Map<String, String> expected = tree(theirs);
            String name = Sfdisk.read(image).at(row.startSector()).orElseThrow().exhibitName();
            // tsk_recover writes default streams only; the named ones Exhibit adds are checked below
            Map<String, String> ours = tree(dest.resolve(Export.FILES_DIR).resolve(name));
            java.util.Set<String> streams = streams(dest);
            ours.keySet().removeIf(f -> streams.contains(Export.FILES_DIR + "/" + name + "/" + f));
            assertThat(ours).as("partition at sector " + row.startSector()).isEqualTo(expected);
            expectedFiles += expected.size();
        }
        assertThat(r.files()).isEqualTo(expectedFiles + streams(dest).size()).isPositive();
        before.verify();
    }

    /** Each manifest line names a written file, its path in the image as exact bytes, and the SHA-256 icat gives. */
    @Test
    void manifest_mapsEveryFileToImagePathInodeAndHash() throws Exception {
        Path image = TestImages.get("hostile");
        Path dest = tmp.resolve("out");
        Export.Result r = export(image, dest, false, Selection.ALL);
        List<String> lines = Files.readAllLines(dest.resolve(Export.MANIFEST));
        assertThat(lines).hasSize((int) r.files());
        for (String line : lines) {
            JsonNode m = Jcs.mapper().readTree(line);
            Path file = dest.resolve(m.path("file").asText());
            assertThat(file).isRegularFile();
            assertThat(Sha256.ofFile(file)).isEqualTo(m.path("sha256").asText());
            assertThat(Sha256.hex(Tsk.icat(image, 0, null, m.path("inode").asText(), false)))
                    .isEqualTo(m.path("sha256").asText());
            assertThat(Base64.getDecoder().decode(m.path("imagePathBytes").asText()))
                    .isNotEmpty();
            // nothing a terminal or shell could trip on reaches the examiner's disk
            assertThat(dest.relativize(file).toString()).doesNotContainPattern("[\\p{Cntrl}\\u202E\\u200B\\\\:]");
        }
    }

    /**
     * Every named data stream, on files, on an empty file and on a directory, is written beside its file as {@code
     * NAME%3ASTREAM} (the colon percent-encoded as every unsafe character is), with what icat gives for the
     * stream's address; the manifest names the stream and that address.
     */
    @Test
    void export_keepsAlternateDataStreams() throws Exception {
        Path image = TestImages.get("ntfs");
        Path dest = tmp.resolve("out");
        export(image, dest, false, Selection.ALL);
        Map<String, JsonNode> manifest = new TreeMap<>();
        for (String line : Files.readAllLines(dest.resolve(Export.MANIFEST))) {
            JsonNode m = Jcs.mapper().readTree(line);
            manifest.put(m.path("file").asText(), m);
        }
        List<Tsk.FlsEntry> streams = Tsk.fls(image, 0, null).stream()
                .filter(e -> e.path().contains(":")
                        && !e.path().startsWith("$")
                        && !e.path().contains("/.:"))
                .toList();
        assertThat(streams)
                .extracting(Tsk.FlsEntry::path)
                .containsExactlyInAnyOrder(
                        "Documents:folder.note",
                        "Documents/notes.md:Zone.Identifier",
                        "Photos/IMG_0001.JPG:thumbnail",
                        "empty.dat:secret.txt");
        for (Tsk.FlsEntry s : streams) {
            String file = Export.FILES_DIR + "/" + s.path().replace(":", "%3A");
            JsonNode m = manifest.get(file);
            assertThat(m).as(file + " in " + manifest.keySet()).isNotNull();
            assertThat(m.path("stream").asText())
                    .isEqualTo(s.path().substring(s.path().indexOf(':') + 1));
            assertThat(m.path("imagePath").asText())
                    .isEqualTo("/" + s.path().substring(0, s.path().indexOf(':')));
            assertThat(m.path("inode").asText()).isEqualTo(s.address());
            String icat = Sha256.hex(Tsk.icat(image, 0, null, s.address(), false));
            assertThat(m.path("sha256").asText()).isEqualTo(icat);
            assertThat(Sha256.ofFile(dest.resolve(file))).isEqualTo(icat);
        }
    }

    /**
     * The manifest carries every time the file system records (UTC, nanoseconds; NTFS's $FILE_NAME times too) and
     * the full inode address, as the listing gives them, and each exported file has the recorded modification and
     * access time (read before anything reads the file, which could move its access time).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ntfs", "ext4", "fat16", "exfat"})
    void export_setsTheRecordedTimesAndTheManifestCarriesAllOfThem(String name) throws Exception {
        Path image = TestImages.get(name);
        Path dest = tmp.resolve("out");
        export(image, dest, false, Selection.ALL);
        Map<String, JsonNode> listing = new TreeMap<>();
        for (String line : Run.files(image, Selection.ALL, FileListing.Format.JSON_LINES, true)
                .text()
                .split("\n")) {
            JsonNode n = Jcs.mapper().readTree(line);
            listing.put(n.path("inode").asText(), n);
        }
        Map<String, Long> bodyMtimes = Tsk.bodyTimes(image, 0, null, Tsk.BodyTime.MTIME);
        int checked = 0;
        for (String line : Files.readAllLines(dest.resolve(Export.MANIFEST))) {
            JsonNode m = Jcs.mapper().readTree(line);
            JsonNode listed = listing.get(m.path("inode").asText());
            assertThat(listed).as(m.path("inode").asText()).isNotNull();
            if (name.equals("ntfs")) {
                assertThat(m.path("inode").asText()).matches("\\d+-128-\\d+");
                assertThat(m.path("fileNameTimes")).isEqualTo(listed.path("fileNameTimes"));
            }
            for (String t : List.of("mtime", "atime", "ctime", "crtime")) {
                assertThat(m.path(t)).as(t).isEqualTo(listed.path(t));
            }
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(
                    dest.resolve(m.path("file").asText()), java.nio.file.attribute.BasicFileAttributes.class);
            assertThat(a.lastModifiedTime().toInstant()).isEqualTo(instant(m.path("mtime")));
            assertThat(a.lastAccessTime().toInstant()).isEqualTo(instant(m.path("atime")));
            Long body = bodyMtimes.get(m.path("imagePath").asText().substring(1));
            if (body != null && m.path("stream").isNull()) {
                assertThat(instant(m.path("mtime")).getEpochSecond()).isEqualTo(body);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    /** A recorded time, or the epoch when the file system left it unset (what the exported file then carries). */
    private static java.time.Instant instant(JsonNode time) {
        return time.isNull() ? java.time.Instant.EPOCH : java.time.Instant.parse(time.asText());
    }

    /** The files of an export that hold a named stream, relative to DEST. */
    private static java.util.Set<String> streams(Path dest) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String line : Files.readAllLines(dest.resolve(Export.MANIFEST))) {
            JsonNode m = Jcs.mapper().readTree(line);
            if (!m.path("stream").isNull()) {
                out.add(m.path("file").asText());
            }
        }
        return out;
    }

    /**
     * {@code --list}: exactly the files it names, by path (the file and its streams, an empty one too) or by
     * address (a system file, one stream, an inode no name reaches, read into {@code _unnamed/}), each with what
     * icat gives for the address the manifest records.
     */
    @Test
    void export_listWritesExactlyTheNamedFiles() throws Exception {
        Path image = TestImages.get("ntfs");
        Map<String, String> address = new TreeMap<>();
        Tsk.fls(image, 0, null).forEach(e -> address.put(e.path(), e.address()));
        String deep = address.get("a/b/c/deep.txt");
        Path dest = tmp.resolve("out");
        Export.Result r = export(
                image,
                dest,
                List.of(
                        "# chosen files",
                        "/Documents/notes.md",
                        "",
                        "/empty.dat\r",
                        "0",
                        deep,
                        address.get("Photos/IMG_0001.JPG:thumbnail")),
                Selection.ALL);
        Map<String, JsonNode> manifest = new TreeMap<>();
        for (String line : Files.readAllLines(dest.resolve(Export.MANIFEST))) {
            JsonNode m = Jcs.mapper().readTree(line);
            manifest.put(m.path("file").asText(), m);
            assertThat(m.path("sha256").asText())
                    .as(m.path("file").asText())
                    .isEqualTo(
                            Sha256.hex(Tsk.icat(image, 0, null, m.path("inode").asText(), false)))
                    .isEqualTo(Sha256.ofFile(dest.resolve(m.path("file").asText())));
        }
        assertThat(manifest.keySet())
                .containsExactlyInAnyOrder(
                        "files/Documents/notes.md",
                        "files/Documents/notes.md%3AZone.Identifier",
                        "files/empty.dat",
                        "files/empty.dat%3Asecret.txt",
                        "files/$MFT",
                        "files/a/b/c/deep.txt",
                        "files/Photos/IMG_0001.JPG%3Athumbnail");
        assertThat(r.files()).isEqualTo(7);
        assertThat(manifest.get("files/empty.dat").path("sizeBytes").asLong()).isZero();
        assertThat(manifest.get("files/a/b/c/deep.txt").path("inode").asText()).isEqualTo(deep);
    }

    /** An inode no name points to (ext4's journal, inode 8) is read by address into {@code _unnamed/8}. */
    @Test
    void export_listReadsAnInodeNoNameReachesByAddress() throws Exception {
        Path image = TestImages.get("ext4");
        Path dest = tmp.resolve("out");
        assertThat(export(image, dest, List.of("8"), Selection.ALL).files()).isEqualTo(1);
        JsonNode m = Jcs.mapper().readTree(Files.readString(dest.resolve(Export.MANIFEST)));
        assertThat(m.path("file").asText()).isEqualTo("files/_unnamed/8");
        assertThat(m.path("imagePath").isNull()).isTrue();
        assertThat(m.path("inode").asText()).isEqualTo("8");
        assertThat(m.path("sizeBytes").asLong()).isPositive();
        assertThat(Sha256.ofFile(dest.resolve("files/_unnamed/8")))
                .isEqualTo(m.path("sha256").asText())
                .isEqualTo(Sha256.hex(Tsk.icat(image, 0, null, "8", false)));
    }

    /** On an image of several file systems each listed file says its partition; what is not there is a problem. */
    @Test
    void export_listNeedsThePartitionOfEachFileAndReportsWhatIsMissing() throws Exception {
        Path image = TestImages.get("mbr");
        assertThatThrownBy(() -> export(image, tmp.resolve("a"), List.of("/README.TXT"), Selection.ALL))
                .isInstanceOfSatisfying(
                        ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE))
                .hasMessageContaining("/README.TXT (line 1) does not say its partition")
                .hasMessageContaining("write it as p2:/README.TXT");
        assertThat(tmp.resolve("a")).doesNotExist();
        assertThatThrownBy(() -> export(image, tmp.resolve("b"), List.of("p3:/README.TXT"), Selection.ALL))
                .hasMessageContaining("p3:/README.TXT (line 1) names partition p3, which is not among those exported");
        assertThatThrownBy(() -> Export.list(List.of("/ok", "README.TXT"), "sel.txt"))
                .hasMessageContaining("sel.txt line 2: 'README.TXT' is neither a path from the root");
        List<String> problems = new ArrayList<>();
        Export.Result r = Export.run(
                new Export.Request(
                        image,
                        tmp.resolve("c"),
                        Selection.ALL,
                        false,
                        null,
                        Export.list(List.of("p1:/README.TXT", "p6:/README.TXT", "p5:/no/such.txt"), "sel.txt"),
                        0,
                        false),
                FileListing.Progress.NONE,
                Diagnostics.of(w -> {}, problems::add));
        assertThat(r.files()).isEqualTo(2);
        assertThat(problems).singleElement().asString().contains("p5:/no/such.txt (line 3) is not in partition p5");
        assertThat(tmp.resolve("c/files/p1/README.TXT")).isRegularFile();
        assertThat(tmp.resolve("c/files/p6/README.TXT")).isRegularFile();
    }

    /** {@code --path}: tsk_recover's selection, of the files whose path matches; streams of a matching file too. */
    @Test
    void export_pathGlobWritesTheMatchingFiles() throws Exception {
        Path dest = tmp.resolve("out");
        Export.run(
                new Export.Request(TestImages.get("ntfs"), dest, Selection.ALL, false, "*.md", null, 0, false),
                FileListing.Progress.NONE,
                Diagnostics.ignored());
        assertThat(tree(dest.resolve(Export.FILES_DIR)).keySet())
                .containsExactly("Documents/notes.md", "Documents/notes.md%3AZone.Identifier");
    }

    @Test
    void export_refusesADestinationThatIsNotEmpty() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> export(TestImages.get("fat12"), tmp, false, Selection.ALL))
                .isInstanceOfSatisfying(
                        ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE));
        assertThat(Files.readString(tmp.resolve("keep.txt"))).isEqualTo("mine");
    }

    private static Export.Result export(Path image, Path dest, boolean deletedOnly, Selection selection)
            throws IOException {
        return Export.run(
                new Export.Request(image, dest, selection, deletedOnly),
                FileListing.Progress.NONE,
                Diagnostics.ignored());
    }

    private static Export.Result export(Path image, Path dest, List<String> list, Selection selection)
            throws IOException {
        return Export.run(
                new Export.Request(image, dest, selection, false, null, Export.list(list, "list"), 0, false),
                FileListing.Progress.NONE,
                Diagnostics.ignored());
    }

    /** Relative path of every regular file under {@code root} to the SHA-256 of its content. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(
                        new String(
                                root.relativize(f).toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                        Sha256.ofFile(f));
            }
        }
        return out;
    }
}

package dev.exhibit.analyze.hashset;

import static dev.exhibit.analyze.hashset.Fixtures.INVOCATION;
import static dev.exhibit.analyze.hashset.Fixtures.bytes;
import static dev.exhibit.analyze.hashset.Fixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing lists made by the real tools (md5sum, sha1sum, sha256sum, hashdeep), and looking their digests up. */
class HashSetStoreTest {
    @TempDir
    Path dir;

    private HashSetStore store() {
        return HashSetStore.at(dir.resolve("store"));
    }

    @Test
    void importSumListsAndHashdeep_everyFileTheToolsHashedIsFound_othersAreNot() throws IOException {
        Path tree = dir.resolve("tree");
        Fixtures.files(tree, 40, 1);
        sh(tree, "find . -type f -print0 | xargs -0 md5sum > ../list.md5");
        sh(tree, "find . -type f -print0 | xargs -0 sha1sum -b > ../list.sha1");
        sh(tree, "find . -type f -print0 | xargs -0 sha256sum --tag > ../list.tag");
        sh(tree, "hashdeep -c md5,sha1,sha256 -r . > ../list.hashdeep");
        Path[] lists = {
            dir.resolve("list.md5"), dir.resolve("list.sha1"), dir.resolve("list.tag"), dir.resolve("list.hashdeep")
        };
        String[] formats = {"md5sum", "sha1sum", "tagged sum list", "hashdeep"};
        for (int i = 0; i < lists.length; i++) {
            HashSetImport.Result r =
                    store().importFiles("set" + i, SetKind.NOTABLE, null, List.of(lists[i]), INVOCATION);
            assertThat(r.manifest().sources().getFirst().format()).isEqualTo(formats[i]);
            assertThat(r.manifest().sources().getFirst().sha256()).isEqualTo(Sha256.ofFile(lists[i]));
        }
        try (HashSets sets = store().open(List.of("set0", "set1", "set2", "set3"))) {
            for (String md5 : Fixtures.digests(tree, "md5sum")) {
                assertThat(sets.lookup(HashAlgorithm.MD5, bytes(md5))).as(md5).isEqualTo(0b1001);
            }
            for (String sha1 : Fixtures.digests(tree, "sha1sum")) {
                assertThat(sets.lookup(HashAlgorithm.SHA1, bytes(sha1)))
                        .as(sha1)
                        .isEqualTo(0b1010);
            }
            for (String sha256 : Fixtures.digests(tree, "sha256sum")) {
                assertThat(sets.lookup(HashAlgorithm.SHA256, bytes(sha256)))
                        .as(sha256)
                        .isEqualTo(0b1100);
            }
            for (String absent : Fixtures.randomHex(1000, 32, 2)) {
                assertThat(sets.lookup(HashAlgorithm.SHA256, bytes(absent))).isZero();
            }
        }
        assertThat(store().list()).extracting(HashSetManifest::name).containsExactly("set0", "set1", "set2", "set3");
        assertThat(store().manifest("set3").index(HashAlgorithm.SHA1).count()).isEqualTo(40);
    }

    @Test
    void importSameFileTwice_doesNotDoubleTheSet_andOverlappingListsCountDistinctDigests() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), String.join("\n", Fixtures.randomHex(500, 16, 3)) + "\n");
        Path b = dir.resolve("b.txt");
        sh(
                dir,
                "head -n 200 a.txt > b.txt; printf '%s\\n' " + String.join(" ", Fixtures.randomHex(50, 16, 4))
                        + " >> b.txt; head -n 20 a.txt | tr a-f A-F >> b.txt");
        store().importFiles("vs", SetKind.NOTABLE, "VirusShare", List.of(a), INVOCATION);
        HashSetImport.Result again =
                store().importFiles("vs", SetKind.NOTABLE, null, List.of(a, dir.resolve("./a.txt")), INVOCATION);
        assertThat(again.added()).isEmpty();
        assertThat(again.skipped()).hasSize(2).allMatch(s -> s.contains("already in set 'vs'"));
        HashSetImport.Result more = store().importFiles("vs", SetKind.NOTABLE, null, List.of(b, b), INVOCATION);
        assertThat(more.skipped()).singleElement().asString().contains("given before it");
        long distinct = Long.parseLong(
                sh(dir, "cat a.txt b.txt | tr A-F a-f | sort -u | wc -l").strip());
        HashSetManifest m = store().manifest("vs");
        assertThat(m.index(HashAlgorithm.MD5).count()).isEqualTo(distinct).isEqualTo(550);
        assertThat(more.newDigests()).isEqualTo(Map.of(HashAlgorithm.MD5, 50L));
        assertThat(m.sources()).hasSize(2);
        assertThat(m.description()).isEqualTo("VirusShare");
        assertThat(m.sources().get(1).digests()).isEqualTo(270);
    }

    @Test
    void lookups_agreeWithHfindOnTheSameMd5sumList() throws IOException {
        List<String> present = Fixtures.randomHex(5000, 16, 5);
        StringBuilder db = new StringBuilder();
        for (int i = 0; i < present.size(); i++) {
            db.append(present.get(i)).append("  file-").append(i).append('\n');
        }
        Path list = Files.writeString(dir.resolve("db.md5"), db);
        sh(dir, "hfind -i md5sum db.md5 >/dev/null");
        List<String> queries = new java.util.ArrayList<>(present.subList(0, 1000));
        queries.addAll(Fixtures.randomHex(1000, 16, 6));
        Files.write(dir.resolve("queries.txt"), queries);
        Set<String> hfindFound = new HashSet<>();
        for (String line : sh(dir, "hfind -f queries.txt db.md5").split("\n")) {
            if (!line.isBlank() && !line.endsWith("Hash Not Found")) {
                hfindFound.add(line.split("\t")[0].toLowerCase(java.util.Locale.ROOT));
            }
        }
        store().importFiles("db", SetKind.KNOWN, null, List.of(list), INVOCATION);
        Set<String> found = new HashSet<>();
        try (HashSets sets = store().open(List.of("db"))) {
            for (String q : queries) {
                if (sets.lookup(HashAlgorithm.MD5, bytes(q)) != 0) {
                    found.add(q);
                }
            }
        }
        assertThat(hfindFound).hasSize(1000);
        assertThat(found).isEqualTo(hfindFound);
    }

    @Test
    void keyFiles_areTheSameBytesWhateverTheOrderOfTheirSources() throws IOException {
        List<String> hex = Fixtures.randomHex(30_000, 20, 7);
        Files.write(dir.resolve("one.txt"), hex.subList(0, 20_000));
        Files.write(dir.resolve("two.txt"), hex.subList(10_000, 30_000));
        HashSetImport first = new HashSetImport(store(), "ab", SetKind.KNOWN, null, INVOCATION).chunkBytes(20 * 1000);
        store().importFiles(first, List.of(dir.resolve("one.txt"), dir.resolve("two.txt")));
        HashSetImport second = new HashSetImport(store(), "ba", SetKind.KNOWN, null, INVOCATION).chunkBytes(20 * 777);
        store().importFiles(second, List.of(dir.resolve("two.txt")));
        store().importFiles(second, List.of(dir.resolve("one.txt")));
        HashSetManifest.Index ab = store().manifest("ab").index(HashAlgorithm.SHA1);
        HashSetManifest.Index ba = store().manifest("ba").index(HashAlgorithm.SHA1);
        assertThat(ab.count()).isEqualTo(30_000);
        assertThat(ab.sha256()).isEqualTo(ba.sha256()).isEqualTo(Sha256.ofFile(dir.resolve("store/ba/sha1.keys")));
    }

    @Test
    void malformedLine_namesFileAndLine_andLeavesNoHalfSet() throws IOException {
        Path good = Files.write(dir.resolve("good.txt"), Fixtures.randomHex(100, 16, 8));
        List<String> lines = new java.util.ArrayList<>(Fixtures.randomHex(100, 16, 9));
        lines.set(41, lines.get(41).substring(1) + "g");
        Path bad = Files.write(dir.resolve("bad.txt"), lines);
        assertThatThrownBy(() -> store().importFiles("s", SetKind.KNOWN, null, List.of(good, bad), INVOCATION))
                .isInstanceOfSatisfying(
                        ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE))
                .hasMessageStartingWith(bad + ": line 42 is not a line of the plain md5 list that line 1 began")
                .hasMessageNotContaining("\n");
        assertThat(store().list()).isEmpty();
        store().importFiles("s", SetKind.KNOWN, null, List.of(good), INVOCATION);
        String keys = Sha256.ofFile(dir.resolve("store/s/md5.keys"));
        assertThatThrownBy(() -> store().importFiles("s", SetKind.KNOWN, null, List.of(bad), INVOCATION))
                .hasMessageContaining("line 42");
        assertThat(Sha256.ofFile(dir.resolve("store/s/md5.keys"))).isEqualTo(keys);
        assertThat(store().manifest("s").sources()).hasSize(1);
        try (var entries = Files.list(dir.resolve("store"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("s", ".lock");
        }
    }

    @Test
    void importAfterACrash_removesTheHalfBuiltSet_andPutsBackOneCaughtBetweenRenames() throws IOException {
        Path list = Files.write(dir.resolve("l.txt"), Fixtures.randomHex(10, 32, 10));
        store().importFiles("kept", SetKind.KNOWN, null, List.of(list), INVOCATION);
        Path storeDir = dir.resolve("store");
        Files.move(storeDir.resolve("kept"), storeDir.resolve(HashSetStore.REPLACED + "kept-123"));
        Files.createDirectories(storeDir.resolve(HashSetStore.BUILDING + "other-456"));
        Files.writeString(storeDir.resolve(HashSetStore.BUILDING + "other-456/md5.keys"), "half");
        assertThat(store().list()).isEmpty();
        store().importFiles("x", SetKind.KNOWN, null, List.of(list), INVOCATION);
        assertThat(store().list()).extracting(HashSetManifest::name).containsExactly("kept", "x");
        assertThat(storeDir.resolve(HashSetStore.BUILDING + "other-456")).doesNotExist();
    }

    @Test
    void kindOrNameRefused_withOneLineSayingWhy() throws IOException {
        Path list = Files.write(dir.resolve("l.txt"), Fixtures.randomHex(3, 16, 11));
        store().importFiles("nsrl", SetKind.KNOWN, null, List.of(list), INVOCATION);
        assertThatThrownBy(() -> store().importFiles("nsrl", SetKind.NOTABLE, null, List.of(list), INVOCATION))
                .hasMessage("hash set 'nsrl' holds known files; lists of notable files go into a set of their own");
        assertThatThrownBy(() -> store().importFiles("../up", SetKind.KNOWN, null, List.of(list), INVOCATION))
                .hasMessageStartingWith("hash-set name '../up' is not allowed");
        assertThatThrownBy(() -> store().open(List.of("nope")))
                .hasMessage("no hash set named 'nope' in " + dir.resolve("store") + " (it holds: nsrl)");
    }

    @Test
    void defaultDirectory_followsTheVariableThenXdgThenHome() {
        Path home = Path.of("/home/ex");
        assertThat(HashSetStore.defaultDirectory(Map.of("EXHIBIT_HASHSETS", "/srv/sets"), home))
                .isEqualTo(Path.of("/srv/sets"));
        assertThat(HashSetStore.defaultDirectory(Map.of("XDG_DATA_HOME", "/data"), home))
                .isEqualTo(Path.of("/data/exhibit/hashsets"));
        assertThat(HashSetStore.defaultDirectory(Map.of("XDG_DATA_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/ex/.local/share/exhibit/hashsets"));
        assertThat(HashSetStore.defaultDirectory(Map.of(), home))
                .isEqualTo(Path.of("/home/ex/.local/share/exhibit/hashsets"));
    }
}

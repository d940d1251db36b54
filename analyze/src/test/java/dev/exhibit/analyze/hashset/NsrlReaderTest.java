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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NSRL RDS v3 SQLite databases, minimal and full, built with NIST's schema by the sqlite3 tool. */
class NsrlReaderTest {
    @TempDir
    Path dir;

    private HashSetStore store() {
        return HashSetStore.at(dir.resolve("store"));
    }

    /** md5, sha1, sha256 of each file of a tree, as md5sum, sha1sum and sha256sum print them. */
    private List<String[]> realDigests() throws IOException {
        Path tree = dir.resolve("tree");
        Fixtures.files(tree, 30, 21);
        List<String[]> rows = new ArrayList<>();
        String[] listing = sh(
                        tree,
                        "for f in *; do printf '%s %s %s\\n' $(md5sum < \"$f\" | cut -c1-32)"
                                + " $(sha1sum < \"$f\" | cut -c1-40) $(sha256sum < \"$f\" | cut -c1-64); done")
                .split("\n");
        for (String line : listing) {
            rows.add(line.split(" "));
        }
        return rows;
    }

    @Test
    void importMinimalBuild_findsEveryDigestInEveryAlgorithm_andNamesTheRelease() throws IOException {
        List<String[]> digests = realDigests();
        Path db = Nsrl.minimal(dir.resolve("RDS_2026.09.1_modern_minimal.db"), digests);
        HashSetImport.Result r = store().importFiles("nsrl", SetKind.KNOWN, null, List.of(db), INVOCATION);
        HashSetManifest.Source source = r.manifest().sources().getFirst();
        assertThat(source.format()).isEqualTo("nsrl-rds-v3-minimal");
        assertThat(source.detail()).isEqualTo("NSRL RDS version 2026.09.1, build_set modern, release_date 2026-09-01");
        assertThat(source.digests()).isEqualTo(3L * 2 * digests.size());
        for (String column : new String[] {"md5", "sha1", "sha256"}) {
            long oracle = Long.parseLong(sh(dir, "sqlite3 " + db + " 'SELECT COUNT(DISTINCT " + column + ") FROM FILE'")
                    .strip());
            assertThat(r.manifest().index(HashAlgorithm.fromId(column)).count())
                    .isEqualTo(oracle)
                    .isEqualTo(30);
        }
        try (HashSets sets = store().open(List.of("nsrl"))) {
            for (String[] d : digests) {
                assertThat(sets.lookup(HashAlgorithm.MD5, bytes(d[0]))).isEqualTo(1);
                assertThat(sets.lookup(HashAlgorithm.SHA1, bytes(d[1]))).isEqualTo(1);
                assertThat(sets.lookup(HashAlgorithm.SHA256, bytes(d[2]))).isEqualTo(1);
            }
        }
    }

    @Test
    void importFullBuild_readsTheFileView_soObjectsInNoPackageStayOut() throws IOException {
        List<String[]> digests = realDigests();
        Path db = Nsrl.full(dir.resolve("RDS_2026.09.1_android.db"), digests);
        HashSetImport.Result r = store().importFiles("nsrl", SetKind.KNOWN, null, List.of(db), INVOCATION);
        assertThat(r.manifest().sources().getFirst().format()).isEqualTo("nsrl-rds-v3-full");
        assertThat(r.manifest().index(HashAlgorithm.SHA256).count()).isEqualTo(digests.size() - 1);
        try (HashSets sets = store().open(List.of("nsrl"))) {
            assertThat(sets.lookup(HashAlgorithm.SHA256, bytes(digests.getFirst()[2])))
                    .isEqualTo(1);
            assertThat(sets.lookup(HashAlgorithm.SHA256, bytes(digests.getLast()[2])))
                    .isZero();
        }
    }

    @Test
    void import_writesNothingToTheDatabaseNorBesideIt() throws IOException {
        Path nsrlDir = Files.createDirectories(dir.resolve("nsrl"));
        Path db = Nsrl.minimal(nsrlDir.resolve("rds.db"), realDigests());
        String before = Sha256.ofFile(db);
        long modified = Files.getLastModifiedTime(db).toMillis();
        store().importFiles("nsrl", SetKind.KNOWN, null, List.of(db), INVOCATION);
        assertThat(Sha256.ofFile(db)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(db).toMillis()).isEqualTo(modified);
        try (Stream<Path> files = Files.list(nsrlDir)) {
            assertThat(files).containsExactly(db);
        }
    }

    @Test
    void truncatedDatabase_isNamedTruncated() throws IOException {
        Path db = Nsrl.minimal(dir.resolve("rds.db"), realDigests());
        long size = Files.size(db);
        sh(
                dir,
                "head -c " + (size - 4096) + " rds.db > cut-at-page.db; head -c " + (size - 100)
                        + " rds.db > cut-mid-page.db; head -c 50 rds.db > cut-in-header.db");
        for (String name : new String[] {"cut-at-page.db", "cut-mid-page.db", "cut-in-header.db"}) {
            Path cut = dir.resolve(name);
            assertThatThrownBy(() -> store().importFiles("n", SetKind.KNOWN, null, List.of(cut), INVOCATION))
                    .as(name)
                    .isInstanceOfSatisfying(
                            ExhibitException.class, e -> assertThat(e.kind()).isEqualTo(ExhibitException.Kind.USAGE))
                    .hasMessageStartingWith(cut + " is truncated: ");
        }
        assertThat(store().list()).isEmpty();
    }

    @Test
    void foreignSqlite_saysItIsNotNsrl() throws IOException {
        sh(dir, "hfind -c tsk.kdb >/dev/null");
        Path kdb = dir.resolve("tsk.kdb");
        assertThatThrownBy(() -> store().importFiles("n", SetKind.KNOWN, null, List.of(kdb), INVOCATION))
                .hasMessageStartingWith(kdb + " is an SQLite database but not NSRL RDS v3: it has no FILE table or"
                        + " view (it has: comments, db_properties, file_names, hashes");
        Path other = Nsrl.run(dir.resolve("other.db"), "CREATE TABLE FILE (name TEXT, md5 TEXT);");
        assertThatThrownBy(() -> store().importFiles("n", SetKind.KNOWN, null, List.of(other), INVOCATION))
                .hasMessage(other + " is an SQLite database but not NSRL RDS v3: its FILE has no sha1 column (it"
                        + " has: md5, name)");
    }

    @Test
    void malformedDigestInARow_namesTheRowAndColumn() throws IOException {
        Path db = Nsrl.minimal(dir.resolve("rds.db"), realDigests());
        sh(dir, "sqlite3 rds.db \"UPDATE FILE SET md5 = 'NOT-A-DIGEST' WHERE rowid = 3\"");
        assertThatThrownBy(() -> store().importFiles("n", SetKind.KNOWN, null, List.of(db), INVOCATION))
                .hasMessage(db + ": FILE row 3: md5 is \"NOT-A-DIGEST\", not 32 hex digits");
    }
}

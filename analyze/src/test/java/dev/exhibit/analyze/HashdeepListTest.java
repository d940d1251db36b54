package dev.exhibit.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.analyze.content.ContentOptions;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code analyze files --hashdeep}: real hashdeep 4.4 audits an export of the same image against the list and
 * passes, file for file: every row parses (hostile names: newlines, escapes, invalid UTF-8, commas; paths near
 * 4 KiB, which export relocates), every name is the export's, every digest what the export wrote.
 */
class HashdeepListTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"hostile", "ntfs", "ext4", "mbr", "types"})
    void hashdeepAudit_ofAnExport_passesAgainstTheList(String name) throws Exception {
        Path image = TestImages.get(name);
        List<HashAlgorithm> all = List.of(HashAlgorithm.SHA256, HashAlgorithm.MD5, HashAlgorithm.SHA1);
        Run.Output list = Run.files(new FileListing.Request(
                image,
                Selection.ALL,
                FileListing.Format.HASHDEEP,
                true,
                false,
                null,
                0,
                new ContentOptions(all, false, 2)));
        assertThat(list.problems()).isEmpty();
        List<String> lines = list.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("%%%% HASHDEEP-1.0");
        // hashdeep's own order of columns, whatever order they were asked in
        assertThat(lines.get(1)).isEqualTo("%%%% size,md5,sha1,sha256,filename");
        List<String> rows = lines.stream()
                .filter(l -> !l.startsWith("%") && !l.startsWith("#"))
                .toList();
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row).matches("\\d+,[0-9a-f]{32},[0-9a-f]{40},[0-9a-f]{64},files/.+");
            assertThat(row.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2046);
        });
        Path known = Files.write(tmp.resolve("known.txt"), list.bytes());

        Path dest = tmp.resolve("export");
        Export.run(
                new Export.Request(image, dest, Selection.ALL, false),
                FileListing.Progress.NONE,
                Diagnostics.ignored());
        Proc.Result audit =
                Proc.run(dest, List.of("hashdeep", "-r", "-l", "-a", "-vv", "-k", known.toString(), "files"));
        assertThat(audit.stdout()).as(audit.stdout() + audit.stderr()).contains("hashdeep: Audit passed");
        assertThat(audit.stdout()).contains("Files matched: " + rows.size());
    }
}

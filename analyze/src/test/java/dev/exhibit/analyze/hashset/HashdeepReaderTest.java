package dev.exhibit.analyze.hashset;

import static dev.exhibit.analyze.hashset.Fixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hashdeep's own output, with the names that break its format. */
class HashdeepReaderTest {
    @TempDir
    Path dir;

    @Test
    void read_ofNamesHoldingNewlines_takesEveryDigestOnce_andCountsTheBrokenLines() throws IOException {
        Path tree = dir.resolve("tree");
        Fixtures.files(tree, 8, 71); // files 3 and 7 have a newline in their names
        sh(tree, "hashdeep -c sha256 -r . > ../list.hashdeep");
        List<String> read = new ArrayList<>();
        SourceFormat.Read r = SourceFormat.read(dir.resolve("list.hashdeep"), (algorithm, digest) -> {
            assertThat(algorithm).isEqualTo(HashAlgorithm.SHA256);
            read.add(HexFormat.of().formatHex(digest));
        });
        assertThat(read).containsExactlyInAnyOrderElementsOf(Fixtures.digests(tree, "sha256sum"));
        assertThat(r.format()).isEqualTo("hashdeep");
        assertThat(r.detail()).startsWith("2 line(s) continued a file name holding a newline (the first is line ");
    }

    @Test
    void read_ofAHeaderWithControlCharacters_showsThemAsBadges() throws IOException {
        Path list = Files.write(
                dir.resolve("bad.hashdeep"),
                "%%%% HASHDEEP-1.0\n%%%% size,md5,s\rha1\u001b[2J,filename\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SourceFormat.read(list, (a, d) -> {}))
                .hasMessage(list + ": line 2 names a column hashdeep does not write: 's⟨U+000D⟩ha1⟨U+001B⟩[2J'"
                        + " (the line reads \"%%%% size,md5,s⟨U+000D⟩ha1⟨U+001B⟩[2J,filename\")");
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit analyze dfxml} through the sandbox worker: a new file, well-formed for the hostile names. */
class AnalyzeDfxmlTest {
    @TempDir
    Path tmp;

    @Test
    void dfxml_ofTheHostileImage_isWellFormedXml() throws Exception {
        Path out = tmp.resolve("hostile.xml");
        CliRunner.Result r = CliRunner.run(
                "analyze", "dfxml", TestImages.get("hostile").toString(), "--hash", "sha256", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readString(out)).contains("<hashdigest type='sha256'>").endsWith("</dfxml>\n");
        Proc.run(null, List.of("xmllint", "--noout", out.toString())).ok();
        CliRunner.Result again =
                CliRunner.run("analyze", "dfxml", TestImages.get("hostile").toString(), "--out", out.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
    }
}

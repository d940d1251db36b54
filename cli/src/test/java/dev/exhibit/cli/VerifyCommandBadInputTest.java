package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exhibit verify} of something that is not an acquisition: says exactly what it is, with its exit status. */
class VerifyCommandBadInputTest {
    @TempDir
    Path dir;

    @Test
    void verify_ofAMissingDirectory_saysItDoesNotExist_asAnEnvironmentError() {
        // it used to say "holds no acquisition.log.jsonl", as if the directory were there, with exit status 2
        Path missing = dir.resolve("nonexistent");
        CliRunner.Result r = CliRunner.run("verify", missing.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertOneLineError(r).isEqualTo("exhibit: error: no such file or directory: " + missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void verify_ofAFile_isAUsageError() throws IOException {
        Path image = Files.write(dir.resolve("image.raw"), new byte[512]);
        CliRunner.Result r = CliRunner.run("verify", image.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r).contains(image + " is not a directory");
    }

    @Test
    void verify_ofADirectoryWithoutALog_isAUsageError() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRunner.Result r = CliRunner.run("verify", empty.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r).contains(empty + " holds no acquisition.log.jsonl");
    }
}

package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit acquire} on bad input: one line naming the path, the documented exit status (docs/exit-codes.md), no
 * stack trace, and nothing already there deleted.
 */
class AcquireCommandBadInputTest {
    @TempDir
    Path dir;

    @Test
    void acquire_ofAMissingSource_isAnEnvironmentError_andCreatesNothing() {
        Path missing = dir.resolve("no-such-disk");
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("acquire", missing.toString(), out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertOneLineError(r).isEqualTo("exhibit: error: no such file or directory: " + missing);
        assertThat(out).doesNotExist();
    }

    @Test
    void acquire_ofADirectory_isAUsageError() throws IOException {
        Path source = Files.createDirectory(dir.resolve("a-directory"));
        assertRefused(source, ExitCodes.USAGE, "source " + source + " is a directory");
    }

    @Test
    void acquire_ofAnEmptyFile_isAnEnvironmentError() throws IOException {
        Path source = Files.createFile(dir.resolve("empty.img"));
        assertRefused(source, ExitCodes.ENVIRONMENT, "source " + source + " is empty (0 bytes)");
    }

    private void assertRefused(Path source, int exit, String message) {
        CliRunner.Result r =
                CliRunner.run("acquire", source.toString(), dir.resolve("out").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertOneLineError(r).contains(message);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void acquire_ofAnUnreadableFile_isAnEnvironmentError() throws Exception {
        Path source = Files.write(dir.resolve("secret.img"), new byte[4096]);
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("---------"));
        Path out = dir.resolve("out");
        // Root reads any file: run the child without the capabilities that override file permissions.
        List<String> withoutOverride = List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search");
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process p =
                CliRunner.spawn(withoutOverride, List.of("acquire", source.toString(), out.toString()), stdout, stderr);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        CliRunner.Result r = new CliRunner.Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertOneLineError(r).contains(source.toString()).containsIgnoringCase("permission denied");
        assertThat(out).doesNotExist();
    }

    @Test
    void acquire_intoANonEmptyDirectory_isAUsageError_andLeavesItsFilesAlone() throws IOException {
        Path source = Files.write(dir.resolve("disk.img"), new byte[64 * 1024]);
        Path out = Files.createDirectory(dir.resolve("out"));
        Path earlier = Files.writeString(out.resolve("earlier-evidence.txt"), "do not touch");
        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLineError(r)
                .contains("output directory " + out + " is not empty")
                .contains("exhibit acquire --resume " + out);
        try (var files = Files.list(out)) {
            assertThat(files.toList()).containsExactly(earlier);
        }
        assertThat(Files.readString(earlier)).isEqualTo("do not touch");
    }

    @Test
    void acquire_intoADirectoryHoldingOnlyTheReserve_goesAhead() throws IOException {
        // what an acquire killed before it wrote its log leaves behind
        Path source = Files.write(dir.resolve("disk.img"), new byte[64 * 1024]);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve(".exhibit-reserve"), new byte[4096]);
        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.resolve(".exhibit-reserve")).doesNotExist();
    }

    @Test
    void acquire_withSplitZero_isAUsageError_andCreatesNothing() throws IOException {
        // --split 0 used to make one image.raw as if --split had not been given
        Path source = Files.write(dir.resolve("disk.img"), new byte[64 * 1024]);
        Path out = dir.resolve("out");
        CliRunner.Result r = CliRunner.run("acquire", source.toString(), out.toString(), "--split", "0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .startsWith("exhibit: usage error: --split 0: a segment must hold at least one sector")
                .doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void acquire_resumeOfAMissingDirectory_saysItDoesNotExist() {
        Path missing = dir.resolve("no-such-acquisition");
        CliRunner.Result r = CliRunner.run("acquire", "--resume", missing.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertOneLineError(r).isEqualTo("exhibit: error: no such file or directory: " + missing);
        assertThat(missing).doesNotExist();
    }
}

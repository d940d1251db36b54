package dev.exhibit.cli;

import static dev.exhibit.acquire.AcquisitionOracle.assertLoggedHashesMatchImage;
import static dev.exhibit.acquire.AcquisitionOracle.log;
import static dev.exhibit.acquire.AcquisitionOracle.types;
import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.DiskContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A destination that fills up (a small tmpfs, as root): a clear error, and resume once there is room. */
class AcquireCommandDestinationFullTest {
    static final long SIZE = 96L << 20;

    @TempDir
    Path dir;

    /**
     * 2 MiB: not even the reserve fits; 4 MiB: the reserve fits exactly and the log's first record does not. Either
     * way the directory must be one the same command can use again once there is room (before, it held a reserve and
     * an empty log, which neither --resume nor a new acquire would take).
     */
    @Test
    void acquire_ontoADestinationTooSmallForTheFirstRecords_leavesADirectoryTheSameCommandReuses() throws IOException {
        Path source = Files.write(
                dir.resolve("small.img"), DiskContent.pattern(1 << 20, 62).bytes(0, 1 << 20));
        for (String size : new String[] {"2m", "4m"}) {
            Path dest = Files.createDirectory(dir.resolve("dest-" + size));
            Proc.run("mount", "-t", "tmpfs", "-o", "size=" + size, "exhibit-test-dest", dest.toString())
                    .ok();
            try {
                Path out = dest.resolve("out");
                CliRunner.Result full = CliRunner.run("acquire", source.toString(), out.toString());
                assertThat(full.exit()).as(size + ": " + full).isEqualTo(ExitCodes.ENVIRONMENT);
                assertOneLineError(full)
                        .contains(out.toString())
                        .contains("No space left on device")
                        .contains("nothing was")
                        .contains("make room and run");
                try (var left = Files.list(out)) {
                    assertThat(left.toList()).as(size).isEmpty();
                }

                Proc.run("mount", "-o", "remount,size=16m", dest.toString()).ok();
                CliRunner.Result again = CliRunner.run("acquire", source.toString(), out.toString());
                assertThat(again.exit()).as(size + ": " + again).isEqualTo(ExitCodes.OK);
                assertThat(Files.mismatch(source, out.resolve("image.raw"))).isEqualTo(-1);
            } finally {
                Proc.run("umount", dest.toString()).ok();
            }
        }
    }

    @Test
    void acquire_ontoAFullDestination_failsNamingFileAndOffset_thenResumesOnceThereIsRoom() throws IOException {
        Path source = dir.resolve("source.img");
        Files.write(source, DiskContent.pattern(SIZE, 61).bytes(0, (int) SIZE));
        String sourceSha256 =
                Proc.firstField(Proc.run("sha256sum", source.toString()).ok());
        Path dest = Files.createDirectory(dir.resolve("dest"));
        Proc.run("mount", "-t", "tmpfs", "-o", "size=40m", "exhibit-test-dest", dest.toString())
                .ok();
        try {
            Path out = dest.resolve("out");
            CliRunner.Result full = CliRunner.run("acquire", "--window", "8MiB", source.toString(), out.toString());
            assertThat(full.exit()).as(full.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertOneLineError(full)
                    .contains("destination full: " + out.resolve("image.raw") + " at image byte ")
                    .contains("exhibit acquire --resume " + out);
            Matcher at = Pattern.compile("at image byte (\\d+)").matcher(full.err());
            assertThat(at.find()).isTrue();
            assertThat(Long.parseLong(at.group(1))).isBetween(1L, SIZE - 1);
            JsonNode failure = log(out).entries().getLast().record();
            assertThat(failure.path("type").asText()).isEqualTo("failure");
            assertThat(failure.path("kind").asText()).isEqualTo("destination-full");
            assertThat(failure.path("resumable").asBoolean()).isTrue();
            assertThat(out.resolve("image.raw")).exists();

            Proc.run("mount", "-o", "remount,size=160m", dest.toString()).ok();
            CliRunner.Result resumed = CliRunner.run("acquire", "--resume", out.toString());
            assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.OK);
            assertThat(types(log(out))).containsSubsequence("start", "source", "failure", "resume", "end");
            assertThat(assertLoggedHashesMatchImage(out).get("sha256")).isEqualTo(sourceSha256);
            CliRunner.Result verify = CliRunner.run("verify", out.toString());
            assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.OK);
        } finally {
            Proc.Result umount = Proc.run("umount", dest.toString());
            if (umount.exitCode() != 0) {
                Proc.run("umount", "-l", dest.toString());
                throw new AssertionError("the destination stayed busy, a file left open? " + umount.stderr());
            }
        }
    }
}

package dev.exhibit.cli;

import static dev.exhibit.cli.OneLineError.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit acquire SOURCE --case CASE --id ID} and the custody log: a log that cannot take the acquire event is
 * found before the source is read, and an acquisition whose recording fails at the end is kept and can be recorded
 * later with the command the error names.
 */
class AcquireCommandCaseTest {
    @TempDir
    Path tmp;

    Path caseDir;
    Path custody;

    @BeforeEach
    void newCase() {
        caseDir = tmp.resolve("case");
        CliRunner.Result r =
                CliRunner.run("case", "init", caseDir.toString(), "--number", "7", "--title", "t", "--examiner", "J");
        assertThat(r.exit()).as(r.toString()).isZero();
        custody = caseDir.resolve("custody.log.jsonl");
    }

    /** What an edit by hand leaves: a line that is not a chained record. */
    private void breakCustodyChain() throws Exception {
        Files.writeString(custody, "{\"edited\":true}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void acquireIntoACaseWithABrokenCustodyChain_isRefusedBeforeTheSourceIsRead() throws Exception {
        Path source = Acquisitions.randomFile(tmp.resolve("source.bin"), 1 << 20, 3);
        breakCustodyChain();

        CliRunner.Result r = CliRunner.run("acquire", source.toString(), "--case", caseDir.toString(), "--id", "EV-1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertOneLineError(r)
                .contains("nothing was read")
                .contains("chain broken at line 2")
                .contains("exhibit chain check " + caseDir);
        assertThat(caseDir.resolve("evidence/EV-1")).doesNotExist();
    }

    @Test
    void recordingThatFailsAtTheEnd_keepsTheAcquisition_andNamesTheCommandThatRecordsItLater() throws Exception {
        long size = 8L << 20;
        FaultyDevice.Options slow = FaultyDevice.Options.defaults().withBadReadDelay(Duration.ofMillis(1500));
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(size, 5), new TreeSet<>(List.of(40L)), slow)) {
            Process child = CliRunner.spawn(
                    List.of("acquire", device.blockDevice().toString(), "--case", caseDir.toString(), "--id", "EV-1"),
                    tmp.resolve("out"),
                    tmp.resolve("err"));
            Path log = caseDir.resolve("evidence/EV-1/acquisition.log.jsonl");
            for (int i = 0; i < 600 && !Files.exists(log); i++) {
                Thread.sleep(50);
            }
            assertThat(log).as("the acquisition started").exists();
            breakCustodyChain();
            assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String err = Files.readString(tmp.resolve("err"));
            assertThat(child.exitValue()).as(err).isEqualTo(ExitCodes.EVIDENCE);
            String record = CustodyCommand.recordCommand(caseDir, "EV-1");
            assertThat(err).contains("is kept as it is").contains(record);
            assertThat(Acquisitions.records(log).getLast().path("type").asText())
                    .isEqualTo("end");
        }

        assertThat(CliRunner.run("chain", "continue", caseDir.toString(), "--reason", "edited by hand during a run")
                        .exit())
                .isZero();
        String[] printed = CustodyCommand.recordCommand(caseDir, "EV-1").split(" ");
        CliRunner.Result recorded = CliRunner.run(java.util.Arrays.copyOfRange(printed, 1, printed.length));
        assertThat(recorded.exit()).as(recorded.toString()).isZero();
        CliRunner.Result again = CliRunner.run(java.util.Arrays.copyOfRange(printed, 1, printed.length));
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already recorded");

        CliRunner.Result list = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("acquire").contains("matches      evidence/EV-1/acquisition.log.jsonl");
        assertThat(CliRunner.run("verify", caseDir.resolve("evidence/EV-1").toString())
                        .exit())
                .isZero();
    }
}

package dev.exhibit.acquire.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.AcquireRequest;
import dev.exhibit.acquire.Acquisition;
import dev.exhibit.acquire.AcquisitionOracle;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.CaseFields;
import dev.exhibit.acquire.Progress;
import dev.exhibit.acquire.Resumption;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.text.Badges;
import dev.exhibit.testing.Proc;
import dev.exhibit.testkit.BadSectors;
import dev.exhibit.testkit.DiskContent;
import dev.exhibit.testkit.FaultyDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acquisition.txt}, the plain-text record beside the image: what Guymager's .info and FTK Imager's .txt hold,
 * read from the log alone, checked against coreutils, ddrescuelog and sed over the same files.
 */
class AcquisitionRecordTextTest {
    private static final int MiB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void record_ofASplitFileAcquisition_holdsCaseToolSourceFilesAndHashes_andTheLogHeadItWasMadeFrom()
            throws IOException {
        Path source = file(10L * MiB + 1000, 3);
        Path out = dir.resolve("out");
        CaseFields fields = new CaseFields("2026-0042", "EV-7", "Jane Examiner", "USB stick, blue", "seized at 10:02");
        Acquisition.Result r = acquire(source, out, fields, 4L * MiB, new Cancellation(), Progress.NONE);

        assertThat(r.record().written()).as(r.record().toString()).isTrue();
        String text = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME));
        Path log = out.resolve(AcquisitionLog.FILE_NAME);
        long lines = Long.parseLong(
                Proc.run("sh", "-c", "wc -l < '" + log + "'").ok().stdout().strip());
        String head = Proc.firstField(Proc.run("sh", "-c", "tail -n 1 '" + log + "' | tr -d '\\n' | sha256sum")
                .ok());
        assertThat(text)
                .contains("made from its lines 1 to " + lines + ".")
                .contains("  " + head + "\n")
                .contains("The log is the record of truth")
                .contains("  Acquisition:          complete\n")
                .contains("  Case number:          2026-0042\n")
                .contains("  Evidence number:      EV-7\n")
                .contains("  Examiner:             Jane Examiner\n")
                .contains("  Description:          USB stick, blue\n")
                .contains("  Notes:                seized at 10:02\n")
                .contains("  Command line:         exhibit acquire " + source + " " + out + "\n")
                .contains("  Size:                 " + Files.size(source) + " bytes (10.00 MiB) = 20482 sectors of"
                        + " 512 bytes (the last one partial: 488 bytes)\n")
                .contains("  Image format:         split raw (image.001, image.002, ...), segments of 4194304 bytes")
                .contains("  Hardware blocker:     none declared\n");
        for (String alg : List.of("md5", "sha1", "sha256")) {
            String label = RecordText.algorithm(alg) + ":";
            assertThat(text).contains("  " + label + " ".repeat(22 - label.length()) + sum(alg, source) + "\n");
        }
        JsonNode start = AcquisitionLog.read(log).first("start").orElseThrow();
        JsonNode end = AcquisitionLog.read(log).last("end").orElseThrow();
        assertThat(text)
                .contains("  Started:              "
                        + start.path("invocation").path("started").asText() + "\n")
                .contains("  Ended:                " + end.path("ended").asText() + "\n");
        for (String file : List.of("image.001", "image.002", "image.003")) {
            String row = text.lines()
                    .filter(l -> l.startsWith("  " + file + " "))
                    .findFirst()
                    .orElseThrow();
            Path f = out.resolve(file);
            assertThat(row).contains(" " + Files.size(f) + " ").contains(sum("sha256", f));
            long logLine = Long.parseLong(row.replaceAll(".*\\(log line (\\d+)\\)$", "$1"));
            assertThat(Proc.run("sed", "-n", logLine + "p", log.toString()).ok().stdout())
                    .as("log line %d, counted as sed counts", logLine)
                    .contains("\"file\":\"" + file + "\"");
        }
    }

    @Test
    void record_listsBadSectorRanges_inSectorsAndBytes_asTheMapHasThem() throws IOException {
        long size = 8L * MiB;
        NavigableSet<Long> bad = BadSectors.parse("100,3600-4599,9000,9001,16383", size / 512);
        Path out = dir.resolve("out");
        try (FaultyDevice device =
                FaultyDevice.start(DiskContent.pattern(size, 5), bad, FaultyDevice.Options.defaults())) {
            acquire(device.blockDevice(), out, CaseFields.NONE, 0, new Cancellation(), Progress.NONE);
        }
        String text = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME));
        List<Long> mapped = Proc.run(
                        "ddrescuelog",
                        "-l-",
                        "-b512",
                        out.resolve("badsectors.map").toString())
                .ok()
                .stdout()
                .lines()
                .map(Long::parseLong)
                .toList();
        assertThat(mapped).containsExactlyElementsOf(bad);
        assertThat(text)
                .contains(bad.size() + " sectors (" + bad.size() * 512 + " bytes) could not be read; the image holds"
                        + " zeros in their place.")
                .contains("In 4 ranges of 512-byte sectors, both ends included:");
        List<String> rows = new ArrayList<>();
        for (long[] run : AcquisitionOracle.runs(new TreeSet<>(mapped))) {
            long first = run[0];
            long last = run[0] + run[1] - 1;
            String row = text.lines()
                    .filter(l -> l.startsWith("    " + first + "-" + last + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for sectors " + first + "-" + last + " in\n" + text));
            assertThat(row.split("\\s+", -1))
                    .contains(String.valueOf(run[1]), first * 512 + "-" + ((last + 1) * 512 - 1), "EIO:");
            rows.add(row);
        }
        assertThat(rows).hasSize(4);
    }

    /** One unreadable sector is "1 sector" in "1 range", as "1 directory" is in the summary (issue 13 B.7). */
    @Test
    void record_ofOneUnreadableSector_countsItInTheSingular() throws IOException {
        long size = 2L * MiB;
        Path out = dir.resolve("out");
        try (FaultyDevice device = FaultyDevice.start(
                DiskContent.pattern(size, 6), BadSectors.parse("100", size / 512), FaultyDevice.Options.defaults())) {
            acquire(device.blockDevice(), out, CaseFields.NONE, 0, new Cancellation(), Progress.NONE);
        }
        String text = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME));
        assertThat(text)
                .contains("1 sector (512 bytes) could not be read; the image holds zeros in its place.")
                .contains("In 1 range of 512-byte sectors, both ends included:")
                .doesNotContainPattern("\\b1 (sectors|ranges|records|problems)\\b");
    }

    @Test
    void record_escapesHostileCaseFields_andKeepsEachOnItsOwnLine() throws IOException {
        Path source = file(MiB, 4);
        Path out = dir.resolve("out");
        String evidence = "EV\u001b[2J\u001b]0;owned\u0007<script>alert(1)</script>\nExaminer: Mallory";
        String description = "invoice\u202Etxt.exe \u200B zero-width ⟨U+0041⟩ fake badge \uFEFF";
        acquire(
                source,
                out,
                new CaseFields("C\r\n1", evidence, "Jane", description, null),
                0,
                new Cancellation(),
                Progress.NONE);

        String text = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME), StandardCharsets.UTF_8);
        text.lines()
                .forEach(line -> line.codePoints()
                        .forEach(cp -> assertThat(Badges.needed(cp) && cp != '⟨')
                                .as("U+%04X in %s", cp, line)
                                .isFalse()));
        assertThat(text)
                .contains("  Case number:          C⟨U+000D⟩⟨U+000A⟩1\n")
                .contains("  Evidence number:      EV⟨U+001B⟩[2J⟨U+001B⟩]0;owned⟨U+0007⟩<script>alert(1)</script>"
                        + "⟨U+000A⟩Examiner: Mallory\n")
                .contains("  Description:          invoice⟨U+202E⟩txt.exe ⟨U+200B⟩ zero-width ⟨U+27E8⟩U+0041⟩ fake"
                        + " badge ⟨U+FEFF⟩\n")
                .contains("  Notes:                (not given)\n");
        assertThat(text.lines().filter(l -> l.startsWith("  Examiner:")))
                .containsExactly("  Examiner:             Jane");
    }

    @Test
    void record_ofAnInterruptedAcquisition_saysItStopped_andIsRewrittenWhenItIsResumed() throws IOException {
        Path source = file(64L * MiB, 6);
        Path out = dir.resolve("out");
        Cancellation cancel = new Cancellation();
        Progress stopEarly = s -> cancel.cancel("a test");
        try {
            acquire(source, out, CaseFields.NONE, 0, cancel, stopEarly);
            throw new AssertionError("the acquisition was not interrupted");
        } catch (ExhibitException e) {
            assertThat(e.kind()).isEqualTo(ExhibitException.Kind.INTERRUPTED);
        }
        String stopped = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME));
        assertThat(stopped)
                .contains("  Acquisition:          stopped before the end")
                .contains("exhibit acquire --resume")
                .containsPattern("stopped \\S+Z \\(log line \\d+\\): interrupted: interrupted \\(a test\\)")
                .contains(", resumable")
                .contains("None yet: whole-image hashes are logged when the acquisition completes.");

        Acquisition.Result resumed = Acquisition.resume(
                new Resumption.Request(
                        out,
                        null,
                        null,
                        null,
                        Invocation.of("exhibit", List.of("acquire", "--resume", out.toString()))),
                Progress.NONE,
                new Cancellation());

        assertThat(resumed.record().written()).isTrue();
        String done = Files.readString(out.resolve(AcquisitionRecordText.FILE_NAME));
        assertThat(done)
                .contains("  Acquisition:          complete\n")
                .contains("1. started ")
                .containsPattern("2\\. resumed \\S+Z \\(log line \\d+\\): exhibit acquire --resume " + out)
                .contains("  SHA-256:              " + sum("sha256", source) + "\n")
                .contains("made from its lines 1 to " + resumed.record().logRecords() + ".");
    }

    @Test
    void record_thatCannotBeWritten_neitherFailsNorHidesTheAcquisition() throws IOException {
        Path source = file(8L * MiB, 7);
        Path out = dir.resolve("out");
        // a directory in the record's place, made while the acquisition runs: the record cannot replace it
        Progress blockTheRecord = s -> {
            try {
                Files.createDirectories(
                        out.resolve(AcquisitionRecordText.FILE_NAME).resolve("occupied"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        Acquisition.Result r = acquire(source, out, CaseFields.NONE, 0, new Cancellation(), blockTheRecord);

        assertThat(r.record().written()).isFalse();
        assertThat(r.record().toString()).startsWith(out.resolve(AcquisitionRecordText.FILE_NAME) + " not written: ");
        assertThat(r.hashes().values()).contains(sum("sha256", source));
        assertThat(Files.mismatch(source, out.resolve("image.raw"))).isEqualTo(-1);
        assertThat(AcquisitionLog.read(out.resolve(AcquisitionLog.FILE_NAME)).status())
                .isEqualTo("complete");
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .doesNotContain(AcquisitionRecordText.FILE_NAME + ".tmp");
        }
    }

    @Test
    void record_isNotReplacedFromALogWhoseChainIsBroken() throws IOException {
        Path source = file(2L * MiB, 8);
        Path out = dir.resolve("out");
        acquire(source, out, new CaseFields(null, "EV-1", null, null, null), 0, new Cancellation(), Progress.NONE);
        Path record = out.resolve(AcquisitionRecordText.FILE_NAME);
        String before = Files.readString(record);
        Path log = out.resolve(AcquisitionLog.FILE_NAME);
        Files.writeString(log, Files.readString(log).replace("\"EV-1\"", "\"EV-2\""));

        AcquisitionRecordText.Outcome again = AcquisitionRecordText.write(out);

        assertThat(again.written()).isFalse();
        assertThat(again.problem()).contains("chain is broken").contains("line 2");
        assertThat(Files.readString(record)).isEqualTo(before).contains("EV-1");
    }

    static Acquisition.Result acquire(
            Path source, Path out, CaseFields fields, long splitBytes, Cancellation cancel, Progress progress)
            throws IOException {
        AcquireRequest request = new AcquireRequest(
                source,
                out,
                AcquireRequest.DEFAULT_HASHES,
                MiB,
                splitBytes,
                fields,
                0,
                FillPattern.ZEROS,
                -1,
                true,
                null,
                true,
                Invocation.of("exhibit", List.of("acquire", source.toString(), out.toString())),
                null,
                null);
        return Acquisition.acquire(request, progress, cancel);
    }

    private static String sum(String algorithm, Path file) {
        return Proc.firstField(Proc.run(algorithm + "sum", file.toString()).ok());
    }

    /** A file of {@code bytes} pseudo-random bytes. */
    private Path file(long bytes, long seed) throws IOException {
        byte[] content = new byte[Math.toIntExact(bytes)];
        new Random(seed).nextBytes(content);
        return Files.write(dir.resolve("disk.img"), content);
    }
}

package dev.exhibit.cli;

import dev.exhibit.acquire.AcquireRequest;
import dev.exhibit.acquire.Acquisition;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.CaseFields;
import dev.exhibit.acquire.Resumption;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.badsector.Mapfile;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.log.LogTimeStamp;
import dev.exhibit.acquire.writeblock.HardwareBlocker;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Sizes;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.custody.CustodyLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit acquire}: a write-blocked, hashed, logged, resumable copy of a source. */
@Command(
        name = "acquire",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a disk or an image file, read-only, into a hashed and logged image.",
            "Copy SOURCE (a block device such as /dev/sdb, or an image file), read-only, sector by sector into OUTDIR"
                    + " (image.raw; image.001, image.002, ... with --split; image.E01, image.E02, ... with --format e01),"
                    + " computing every --hash at once over exactly the media bytes, the SHA-256 of every --window, an"
                    + " exact map of unreadable sectors (badsectors.map, GNU ddrescue format) and a hash-chained log"
                    + " (acquisition.log.jsonl).",
            "A block device must be read-only (exhibit writeblock) and unmounted. OUTDIR must not exist or be empty.",
            "Beside the image it writes acquisition.txt, a plain-text reading of the log (case, source, hashes, bad"
                    + " sectors, verifications), again at the end of every run and after every verify.",
            "An interrupted acquisition is continued, not restarted, with exhibit acquire --resume OUTDIR.%n"
        })
final class AcquireCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "The disk or file to acquire.")
    Path source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUTDIR", description = "Where the image and logs go.")
    Path outDir;

    @Option(
            names = "--resume",
            paramLabel = "OUTDIR",
            description =
                    "Continue the interrupted acquisition in OUTDIR (SOURCE, if given, replaces the logged path).")
    Path resume;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "The image format: raw (one image.raw), split-raw (raw segment files of --split SIZE) or e01"
                    + " (Expert Witness, EnCase 6 layout, compressed, with the case fields, MD5 and SHA-1 inside);"
                    + " default: raw, or split-raw when --split is given.")
    String format;

    @Option(
            names = "--split",
            paramLabel = "SIZE",
            description = "Write split-raw segment files of SIZE, e.g. 2GiB (implies --format split-raw).")
    String split;

    @Option(
            names = "--compression",
            paramLabel = "LEVEL",
            description = "How an E01's chunks are compressed: none, empty-block (only chunks of zeros), fast or best"
                    + " (default: fast, zlib level 1, as ewfacquire and Guymager).")
    String compression;

    @Option(
            names = "--segment-size",
            paramLabel = "SIZE",
            description = "The size an E01 segment file may reach, at least 1MiB (default: 1500MiB, as ewfacquire).")
    String segmentSize;

    @Option(
            names = "--chunk-sectors",
            paramLabel = "N",
            description = "Sectors per E01 chunk, a power of two from 64 to 32768 (default: 64, which makes the 32 KiB"
                    + " chunks every tool expects).")
    Integer chunkSectors;

    @Option(
            names = "--hash",
            paramLabel = "LIST",
            description = "Any of md5,sha1,sha256,sha512 (default: ${DEFAULT-VALUE}).")
    String hashes = "md5,sha1,sha256";

    @Option(
            names = "--window",
            paramLabel = "SIZE",
            description = "Piecewise SHA-256 window (default: ${DEFAULT-VALUE}).")
    String window = "64MiB";

    @Option(
            names = "--case-number",
            paramLabel = "TEXT",
            description = "The case number, recorded in the log (with --case, default: the case's number).")
    String caseNumber;

    @Option(
            names = "--evidence-number",
            paramLabel = "TEXT",
            description = "The evidence item's number, recorded in the log (with --case, default: the --id).")
    String evidenceNumber;

    @Option(
            names = "--examiner",
            paramLabel = "NAME",
            description = "Who acquires, recorded in the log (with --case, default: the case's first examiner).")
    String examiner;

    @Option(
            names = "--description",
            paramLabel = "TEXT",
            description = "What the source is, e.g. \"USB stick, SanDisk 32 GB, bag 12\", recorded in the log.")
    String description;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free-text notes, recorded in the log.")
    String notes;

    @Option(
            names = "--retries",
            paramLabel = "N",
            description = "Read an unreadable sector N more times (default: 0; with --resume, the logged number).")
    Integer retries;

    @Option(
            names = "--fill",
            paramLabel = "PATTERN",
            description = "What replaces an unreadable sector: zeros, hex:HEX or text:TEXT (default: zeros).")
    String fill;

    @Option(
            names = "--max-bad",
            paramLabel = "N",
            description = "Stop, resumable, once more than N sectors are unreadable (default: no limit; with"
                    + " --resume, the logged limit).")
    Long maxBad;

    @Option(
            names = "--no-writeblock-check",
            description = "Acquire a block device without checking that it is write-blocked (a mounted one is still"
                    + " refused); the log records it and stderr warns of it.")
    boolean noWriteblockCheck;

    @Option(
            names = "--hardware-blocker",
            paramLabel = "TEXT",
            description = "Record the hardware write blocker in use, its model and serial number, e.g. \"Tableau"
                    + " T35u S/N 000ecc550123\".")
    String hardwareBlocker;

    @Option(
            names = "--no-direct-io",
            description = "Write the image through the page cache instead of with direct I/O.")
    boolean noDirectIo;

    @Option(
            names = "--verify",
            description = "When the acquisition is complete, re-read the image and check it against the log, as"
                    + " exhibit verify does; the exit status then says whether it matched.")
    boolean verify;

    @Option(
            names = "--verify-source",
            description = "Like --verify, and re-read the source too and compare it with what was acquired.")
    boolean verifySource;

    @Option(names = "--case", paramLabel = "CASE", description = "Acquire into CASE/evidence/ID/ and log custody.")
    Path caseDir;

    @Option(names = "--id", paramLabel = "ID", description = "The evidence item's id in --case.")
    String id;

    /** Time-stamps the log's final head, so that a log rewritten later cannot carry a stamp from before. */
    @CommandLine.Mixin
    TsaOptions tsa = new TsaOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Cancellation cancel = Interrupts.install();
        if (resume != null) {
            return resume(out, cancel);
        }
        if (source == null || (outDir == null) == (caseDir == null) || (caseDir == null) != (id == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give SOURCE and OUTDIR, or SOURCE with --case CASE --id ID");
        }
        ArgumentOrder.sourceBeforeOutdir(spec, source, outDir);
        long splitBytes = split == null ? 0 : Sizes.parse(split);
        if (split != null && splitBytes == 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--split " + split + ": a segment must hold at least one sector, e.g. --split 2GiB (leave --split"
                            + " out for one image.raw)");
        }
        EwfOptions ewf = ImageOptions.ewf(spec, format, split, compression, segmentSize, chunkSectors, fill);
        if (noWriteblockCheck) {
            WriteBlockWarning.ifDevice(spec.commandLine().getErr(), source);
        }
        CaseDirectory theCase = caseDir == null ? null : CaseDirectory.open(caseDir);
        if (theCase != null) {
            theCase.existingEvidenceDirectory(id);
            requireRecordable(theCase);
        }
        Path dir = theCase == null ? outDir : theCase.evidenceDirectory(id);
        AcquireRequest request = new AcquireRequest(
                source,
                dir,
                HashAlgorithm.parseList(hashes),
                Sizes.parse(window),
                splitBytes,
                new CaseFields(
                        caseNumber != null || theCase == null
                                ? caseNumber
                                : theCase.info().caseNumber(),
                        evidenceNumber != null ? evidenceNumber : id,
                        examiner != null || theCase == null
                                ? examiner
                                : theCase.info().examiners().getFirst().name(),
                        description,
                        notes),
                retries == null ? 0 : retries,
                fill == null ? FillPattern.ZEROS : FillPattern.parse(fill),
                maxBad == null ? -1 : maxBad,
                !noWriteblockCheck,
                hardwareBlocker == null ? null : HardwareBlocker.parse(hardwareBlocker),
                !noDirectIo,
                Main.invocation(),
                tsa.given() ? tsa.name() : null,
                ewf);
        Acquisition.Result result;
        try (ProgressDisplay progress = ProgressDisplay.onTerminal("Acquiring")) {
            result = Acquisition.acquire(request, progress, cancel);
        } catch (IOException | RuntimeException e) {
            recordCustodyAfterFailure(theCase, dir, out, e);
            throw e;
        }
        print(out, source.toString(), result);
        int status = Math.max(sourceStatus(result), verifyIfAsked(out, dir, source.toString()));
        timeStamp(dir, out);
        recordCustody(theCase, dir, out);
        return status;
    }

    /** {@code --verify}, {@code --verify-source}: the exit status of the whole command. */
    private int verifyIfAsked(PrintWriter out, Path dir, String sourcePath) throws IOException {
        if (!verify && !verifySource) {
            return ExitCodes.OK;
        }
        out.println();
        return VerifyCommand.verify(out, dir, verifySource ? sourcePath : null, List.of(), null)
                ? ExitCodes.OK
                : ExitCodes.EVIDENCE;
    }

    private Integer resume(PrintWriter out, Cancellation cancel) throws IOException {
        if (outDir != null
                || caseDir != null
                || split != null
                || ImageOptions.given(format, compression, segmentSize, chunkSectors)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--resume OUTDIR takes the logged options; give at most a SOURCE");
        }
        ArgumentOrder.resumeBeforeSource(spec, resume, source);
        if (Files.notExists(resume)) {
            throw new NoSuchFileException(resume.toString());
        }
        WriteBlockWarning.ifResumedUnchecked(spec.commandLine().getErr(), resume, source);
        CaseDirectory theCase = caseOf(resume);
        if (theCase != null) {
            requireRecordable(theCase);
        }
        Acquisition.Result result;
        try (ProgressDisplay progress = ProgressDisplay.onTerminal("Resuming")) {
            result = Acquisition.resume(
                    new Resumption.Request(resume, source, retries, maxBad, Main.invocation()), progress, cancel);
        } catch (IOException | RuntimeException e) {
            recordCustodyAfterFailure(theCase, resume, out, e);
            throw e;
        }
        print(out, resume.toString(), result);
        int status =
                Math.max(sourceStatus(result), verifyIfAsked(out, resume, source == null ? "" : source.toString()));
        timeStamp(resume, out);
        recordCustody(theCase, resume, out);
        return status;
    }

    /** An E01 source whose stored hashes are not those of its media is evidence that fails: exit status 1. */
    private int sourceStatus(Acquisition.Result r) {
        if ("mismatch".equals(r.sourceVerdict())) {
            spec.commandLine().getErr().println("exhibit: error: " + r.sourceSummary());
            spec.commandLine().getErr().flush();
            return ExitCodes.EVIDENCE;
        }
        return ExitCodes.OK;
    }

    private void timeStamp(Path dir, PrintWriter out) throws IOException {
        if (tsa.given()) {
            VerifyCommand.printStamp(
                    out, LogTimeStamp.append(dir.resolve(AcquisitionLogWriter.FILE_NAME), tsa.transport()));
        }
    }

    /** The case an evidence directory {@code CASE/evidence/ID} belongs to, or null. */
    private static CaseDirectory caseOf(Path dir) throws IOException {
        Optional<Path> root = CaseLayout.caseOf(dir);
        return root.isPresent() ? CaseDirectory.open(root.get()) : null;
    }

    /**
     * Checks the custody log before the source is read: an acquisition that finds out only at the end that it cannot
     * be recorded has read a drive for hours for nothing.
     */
    private static void requireRecordable(CaseDirectory theCase) throws IOException {
        try {
            theCase.custody().requireAppendable();
        } catch (ExhibitException e) {
            throw new ExhibitException(
                    e.kind(),
                    "nothing was read: the acquisition could not be recorded in the case's custody log: "
                            + e.getMessage(),
                    e);
        }
    }

    /** A failed acquisition is recorded in custody too; a failure to do so must not hide the first one. */
    private void recordCustodyAfterFailure(CaseDirectory theCase, Path dir, PrintWriter out, Exception first) {
        try {
            recordCustody(theCase, dir, out);
        } catch (IOException | RuntimeException e) {
            first.addSuppressed(e);
        }
    }

    /**
     * Binds the acquisition log, as it now stands (complete or not), into the case's custody chain. If that fails
     * after all (the custody chain broke during the run), the acquisition stays as it is and the error names the one
     * command that records it later.
     */
    private void recordCustody(CaseDirectory theCase, Path dir, PrintWriter out) throws IOException {
        Path log = dir.resolve(AcquisitionLogWriter.FILE_NAME);
        if (theCase == null || !Files.exists(log)) {
            return;
        }
        String item = dir.toAbsolutePath().normalize().getFileName().toString();
        CustodyLog.Appended appended;
        try {
            appended = theCase.recordAcquisition(item, log, Main.invocation());
        } catch (ExhibitException e) {
            throw new ExhibitException(
                    e.kind(),
                    "the acquisition in " + dir + " is kept as it is, but it could not be recorded in the custody"
                            + " log: " + e.getMessage() + "; once that is fixed, record it with: "
                            + CustodyCommand.recordCommand(theCase.root(), item),
                    e);
        }
        out.println("custody: acquire event for " + item + " appended to "
                + theCase.custody().file() + " (line " + appended.line() + ", seq "
                + (appended.line() - 1) + ")");
    }

    private static void print(PrintWriter out, String what, Acquisition.Result r) {
        out.printf(
                Locale.ROOT,
                "acquired %s: %s in %.2f s (%s/s)%n",
                what,
                Sizes.describe(r.bytes()),
                r.durationMillis() / 1000.0,
                Sizes.human(r.bytesPerSecond()));
        List<Path> files = r.files();
        out.println("  image:       "
                + (files.size() == 1
                        ? files.getFirst()
                        : files.getFirst() + " ... " + files.getLast().getFileName() + " (" + files.size()
                                + " segments)"));
        r.hashes().forEach((a, h) -> out.printf(Locale.ROOT, "  %-12s %s%n", a.id() + ":", h));
        if (r.sourceVerdict() != null) {
            out.println("  source E01:  " + r.sourceSummary());
        }
        out.println("  bad sectors: " + r.badSectors() + " (map: " + r.outDir().resolve(Mapfile.FILE_NAME) + ")");
        out.println("  windows:     " + r.windows() + " piecewise SHA-256 hash" + (r.windows() == 1 ? "" : "es")
                + " in the log");
        out.println("  log:         " + r.outDir().resolve(AcquisitionLogWriter.FILE_NAME) + " (head " + r.logHeadHash()
                + ")");
        out.println("  record:      " + r.record());
        out.flush();
    }
}

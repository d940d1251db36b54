package dev.exhibit.cli;

import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.log.AcquisitionRecordText;
import dev.exhibit.acquire.log.LogTimeStamp;
import dev.exhibit.acquire.verify.Mismatch;
import dev.exhibit.acquire.verify.Verifier;
import dev.exhibit.acquire.verify.VerifyReport;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Times;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.timestamp.TsaTransport;
import dev.exhibit.report.keys.Pem;
import dev.exhibit.report.text.VisibleText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit verify}: re-reads an acquisition and checks it against its own log. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Check an acquisition against its log: the hash chain, the image and, with --source, the source.",
            "Walk the hash chain of OUTDIR/acquisition.log.jsonl from its first record to its last, re-read the image"
                    + " files, recompute every hash, window and segment hash, and say OK or exactly what differs"
                    + " (which window and byte range, which log line). The result is appended to the log.",
            "With --source, re-read the source too and compare it with what was acquired.",
            "Then rewrites OUTDIR/acquisition.txt, the plain-text record, from the log.",
            "PATH may instead be an E01 file (image.E01) made by any tool: every section checksum, every chunk, the"
                    + " chunk count, table2 against table, and the MD5 and SHA-1 stored in the set against those"
                    + " recomputed (SHA-256 is computed too); nothing is written.",
            "Exit status 0 only when everything matches; 1 on any difference.%n"
        })
final class VerifyCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "PATH",
            description =
                    "An acquisition's output directory, or the first segment file of an E01 set made by any tool.")
    Path outDir;

    @Option(
            names = "--source",
            paramLabel = "DEVICE",
            arity = "0..1",
            fallbackValue = "",
            description = "Also re-read the source (at DEVICE, or at the path the log names).")
    String source;

    @Option(
            names = "--tsa-ca",
            paramLabel = "FILE.pem",
            description = "Trust anchors (PEM) that the log's time-stamping authorities must chain to.")
    Path tsaCa;

    /** After verifying, time-stamp the log's new head (the verification record). */
    @CommandLine.Mixin
    TsaOptions tsa = new TsaOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (VerifyEwfFile.isEwf(outDir)) {
            if (source != null || tsaCa != null || tsa.tsa != null) {
                throw ExhibitException.usage(
                        outDir + " is an E01 file, not an acquisition directory: --source, --tsa and --tsa-ca apply"
                                + " only to an acquisition's log");
            }
            return VerifyEwfFile.verify(spec.commandLine().getOut(), outDir) ? ExitCodes.OK : ExitCodes.EVIDENCE;
        }
        List<X509Certificate> anchors = tsaCa == null ? List.of() : Pem.readCertificates(tsaCa);
        return verify(spec.commandLine().getOut(), outDir, source, anchors, tsa.transport())
                ? ExitCodes.OK
                : ExitCodes.EVIDENCE;
    }

    /**
     * Re-reads the image in {@code outDir} and, when {@code source} is not null, the source too (at {@code source}, or
     * where the log says when it is empty); prints what was found, time-stamps the log's new head when {@code stamp}
     * is given, and rewrites the text record from the log.
     *
     * @param tsaAnchors the roots the log's time-stamping authorities must chain to; empty to check none
     * @return whether everything matched
     */
    static boolean verify(
            PrintWriter out, Path outDir, String source, List<X509Certificate> tsaAnchors, TsaTransport stamp)
            throws IOException {
        Cancellation cancel = Interrupts.install();
        boolean ok;
        try (ProgressDisplay progress = ProgressDisplay.onTerminal("Verifying")) {
            ok = print(out, Verifier.image(outDir, tsaAnchors, Main.invocation(), progress, cancel), true);
        }
        if (source != null) {
            Path device = source.isEmpty() ? null : Path.of(source);
            try (ProgressDisplay progress = ProgressDisplay.onTerminal("Re-reading source")) {
                ok &= print(out, Verifier.source(outDir, device, Main.invocation(), progress, cancel), false);
            }
        }
        if (stamp != null) {
            printStamp(out, LogTimeStamp.append(outDir.resolve(AcquisitionLog.FILE_NAME), stamp));
        }
        out.println("record: " + AcquisitionRecordText.write(outDir));
        out.flush();
        return ok;
    }

    static void printStamp(PrintWriter out, LogTimeStamp.Stamped s) {
        out.println("  time stamp: lines 1 to " + s.coversRecords() + " (head " + s.coversHeadHash() + ") stamped at "
                + Times.utc(s.genTime()) + (s.untrusted() ? " by an UNTRUSTED local authority" : "")
                + "; token appended as line " + s.line());
        out.flush();
    }

    private static boolean print(PrintWriter out, VerifyReport r, boolean withAnchors) {
        String what = r.scope().equals("image") ? "image in " + r.outDir() : "source " + r.read();
        out.println((r.ok() ? "OK: " : "FAILED: ") + what);
        String intact = r.chainContinuations().isEmpty() ? "intact" : "intact as continued past a break";
        out.println(
                r.chainProblems().isEmpty()
                        ? "  log chain: " + intact
                        : "  log chain: BROKEN (" + r.chainProblems().size()
                                + (r.chainProblems().size() == 1 ? " problem)" : " problems)"));
        r.chainProblems().forEach(p -> out.println("    log " + VisibleText.plain(p)));
        r.chainContinuations().forEach(c -> out.println("    log " + VisibleText.plain(c)));
        out.printf(
                Locale.ROOT,
                "  read %d bytes; %d of %d logged windows checked%n",
                r.bytesRead(),
                r.windowsChecked(),
                r.windowsLogged());
        r.hashes().forEach((a, h) -> {
            String expected = r.expected().get(a.id());
            String verdict = expected == null ? "(nothing logged)" : expected.equals(h) ? "matches" : "DIFFERS";
            out.printf(Locale.ROOT, "  %-8s %s %s%n", a.id() + ":", h, verdict);
        });
        for (Mismatch m : r.mismatches()) {
            out.println("  DIFFERS: " + m);
        }
        for (Anchor a : withAnchors ? r.anchors() : List.<Anchor>of()) {
            String label = switch (a.verdict()) {
                case MATCH -> "anchor: matches";
                case DIFFERS -> "ANCHOR DIFFERS";
                case UNANCHORED -> "not anchored";
            };
            out.println("  " + label + ": " + VisibleText.plain(a.toString()));
        }
        r.notes().forEach(n -> out.println("  note: " + n));
        out.println("  " + r.recorded());
        out.flush();
        return r.ok();
    }
}

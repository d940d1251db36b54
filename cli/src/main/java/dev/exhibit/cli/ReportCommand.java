package dev.exhibit.cli;

import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.report.Reports;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.keys.Pem;
import dev.exhibit.report.record.Findings;
import dev.exhibit.report.sign.KeyDescriptions;
import dev.exhibit.report.text.VisibleText;
import dev.exhibit.report.verify.Check;
import dev.exhibit.report.verify.ReportVerifier;
import dev.exhibit.report.verify.Trust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit report build|verify}: the signed record and HTML report of a case (docs/report.md). */
@Command(
        name = "report",
        description = "Build a signed, time-stamped record and HTML report of a case, or verify one.",
        subcommands = {ReportCommand.Build.class, ReportCommand.Verify.class})
final class ReportCommand extends GroupCommand {

    @Command(
            name = "build",
            description = {
                "Build the signed record and the HTML report of a case.",
                "Write CASE/reports/REPORT-ID/ with record.json (RFC 8785), record.json.p7s (detached CMS),"
                        + " record.json.p7s.tsr (RFC 3161) and report.html, and record the report in the custody log.%n"
            })
    static final class Build implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CASE", description = "The case directory.")
        Path caseDir;

        @Option(names = "--sign", paramLabel = "FILE.p12", description = "Sign with this key file (keys init).")
        Path sign;

        @CommandLine.Mixin
        TsaOptions tsa = new TsaOptions();

        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "Password of --sign (else $" + Passwords.KEY_ENV + ", else a prompt).")
        Path passwordFile;

        @Option(
                names = "--validation-ref",
                paramLabel = "TEXT",
                description = "The validation report that covers this tool version (e.g. a CFTT report id).")
        String validationRef;

        @Option(
                names = "--findings",
                paramLabel = "FILE",
                description = "The examiner's findings: a UTF-8 text file, paragraphs separated by blank lines;"
                        + " signed into the record with its SHA-256 and shown as their own section.")
        Path findingsFile;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CaseDirectory c = CaseDirectory.open(caseDir);
            if (tsa.given() && sign == null) {
                throw new IllegalArgumentException("--tsa needs --sign: a time stamp covers the signature");
            }
            // Read before any password prompt: a wrong file should not cost the examiner a password.
            Findings findings = findingsFile == null ? null : Findings.read(findingsFile);
            KeyStoreFile.SigningKey key = sign == null
                    ? null
                    : Passwords.use(
                            passwordFile, Passwords.KEY_ENV, sign.toString(), false, pw -> KeyStoreFile.load(sign, pw));
            Reports.Built b = Reports.build(
                    c, new Reports.BuildOptions(Main.invocation(), key, tsa.transport(), validationRef, findings));
            PrintWriter out = spec.commandLine().getOut();
            out.println("exhibit: report " + b.reportId() + " written to " + b.directory());
            out.println("  record.json          SHA-256 " + b.recordSha256());
            if (b.signed()) {
                out.println("  record.json.p7s      signed by "
                        + KeyDescriptions.name(key.certificate().getSubjectX500Principal()) + " ("
                        + KeyDescriptions.describe(key.certificate().getPublicKey()) + ")");
            } else {
                out.println("  DRAFT, NOT SIGNED: 'report verify' will fail it; sign with --sign FILE.p12");
            }
            out.println("  findings             "
                    + (findings == null
                            ? "none entered (--findings FILE)"
                            : VisibleText.plain(findings.file()) + ", SHA-256 " + findings.sha256()));
            if (b.timeStamped()) {
                out.println("  record.json.p7s.tsr  time-stamped by " + tsa.name()
                        + (tsa.local() ? "  [UNTRUSTED local authority]" : ""));
            }
            out.println(b.html());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "verify",
            description = {
                "Check a report: its record, signature, time stamps and logs, against the case.",
                "Check a report directory: the canonical record, the signature and certificate, the time stamps,"
                        + " every chained log against the heads in the record, and the record against the case;"
                        + " with --evidence, the images too.",
                "Print each check, and the openssl commands that repeat the signature checks without Exhibit.",
                "Exit status 0 when every check passes and --ca (and --tsa-ca for a time-stamped report) anchor"
                        + " the signer; 5 when no check fails but they do not; 1 when a check fails.%n"
            })
    static final class Verify implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "REPORTDIR",
                description = "The report directory, CASE/reports/REPORT-ID.")
        Path reportDir;

        @Option(names = "--evidence", description = "Also re-read and re-hash every image.")
        boolean evidence;

        @Option(names = "--case", paramLabel = "DIR", description = "The case directory, if REPORTDIR is not in it.")
        Path caseDir;

        @Option(names = "--ca", paramLabel = "FILE.pem", description = "Trust anchors for the signer (PEM).")
        Path ca;

        @Option(names = "--tsa-ca", paramLabel = "FILE.pem", description = "Trust anchors for the TSA (PEM).")
        Path tsaCa;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireReportDirectory();
            Trust trust = new Trust(anchors(ca), anchors(tsaCa));
            ReportVerifier.Verification v =
                    ReportVerifier.verify(new ReportVerifier.Options(reportDir, caseDir, trust, evidence));
            PrintWriter out = spec.commandLine().getOut();
            for (Check c : v.checks()) {
                out.println(VisibleText.plain(String.format("%-4s  %s: %s", c.status(), c.subject(), c.detail())));
            }
            long warnings = v.checks().stream()
                    .filter(c -> c.status() == Check.Status.WARN)
                    .count();
            out.println();
            int status;
            if (!v.passed()) {
                out.println(
                        "Result: FAIL (" + v.failures() + " of " + v.checks().size() + " checks failed)");
                status = ExitCodes.EVIDENCE;
            } else if (!v.established()) {
                out.println("Result: NOT ESTABLISHED (no check failed; "
                        + v.checks().size() + " checks, " + warnings + " warning(s)), because:");
                v.notEstablished().forEach(n -> out.println("  not established: " + VisibleText.plain(n)));
                out.println("  established: record.json is unchanged since it was signed with that key, and the"
                        + " checks above hold" + (evidence ? "" : " (the images were not re-read: add --evidence)"));
                status = ExitCodes.NOT_ESTABLISHED;
            } else {
                out.println("Result: PASS (" + v.checks().size() + " checks, " + warnings + " warning(s))");
                status = ExitCodes.OK;
            }
            out.println();
            out.println("Repeat the signature checks without Exhibit (in " + reportDir + "):");
            v.opensslCommands().forEach(line -> out.println("  " + line));
            return status;
        }

        /** A case directory given where a report is expected: say which reports it has. */
        private void requireReportDirectory() throws IOException {
            if (!CaseLayout.isCase(reportDir)) {
                return;
            }
            Path reports = reportDir.resolve(CaseLayout.REPORTS);
            List<String> ids = new java.util.ArrayList<>();
            if (Files.isDirectory(reports)) {
                try (var s = Files.list(reports)) {
                    s.filter(Files::isDirectory).map(p -> p.toString()).sorted().forEach(ids::add);
                }
            }
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    reportDir + " is a case directory, not a report: "
                            + (ids.isEmpty()
                                    ? "it has no reports yet (build one with: exhibit report build " + reportDir + ")"
                                    : "give one of its reports: " + String.join(", ", ids)));
        }

        private static List<X509Certificate> anchors(Path pem) throws IOException {
            return pem == null ? List.of() : Pem.readCertificates(pem);
        }
    }
}

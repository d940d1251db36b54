package dev.exhibit.cli;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code exhibit demo}: a whole case on a generated sample disk, from seizure to a signed report, by running the same
 * commands an examiner types, each printed before it runs.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a whole demo case on a generated sample disk, from seizure to a verified, signed report.",
            "Run a demo case end to end in DIR (default: ./exhibit-demo-<UTC time>): generate a small sample disk,"
                    + " open a case, record custody, acquire the disk (from a read-only loop device when run as root),"
                    + " verify it, analyse it (hashes, media types, two small hash sets, a timeline), sign a report and verify the"
                    + " report. Each command is printed before"
                    + " it runs, so the demo also shows how to use Exhibit.%n"
        })
final class DemoCommand implements Callable<Integer> {
    /** What an examiner would write after looking at the sample disk (testdata/recipes/demo.sh made it so). */
    static final String DEMO_FINDINGS = "EV-001 holds two file systems: a FAT16 volume labelled ALEX-USB and an ext4"
            + " volume labelled alex-home.\n\n"
            + "On ALEX-USB, the deleted file Private/plan.txt was recovered; it reads \"Move the money before the audit"
            + " on the 15th.\"\n\n"
            + "On alex-home, the deleted file home/alex/Documents/resignation draft.txt was recovered, and the shell"
            + " history\nof the user alex ends with \"shred -u notes.txt\" and \"history -c\".\n";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where the demo case goes.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws IOException, InterruptedException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        Path root = dir != null
                ? dir
                : Path.of("exhibit-demo-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP));
        prepare(root);
        Path sample = root.resolve("sample");
        Path caseDir = root.resolve("case");
        Path keys = root.resolve("keys");
        Files.createDirectories(keys);

        heading("1. A sample disk: a 64 MiB MBR disk with a FAT16 USB-stick volume and an ext4 home volume");
        Path image = SampleDisk.build(sample, out);

        heading("2. A case, and the seizure and hand-over of the disk");
        run(
                "case",
                "init",
                caseDir.toString(),
                "--number",
                "DEMO-2026-001",
                "--title",
                "Demo: the disk seized from Alex",
                "--examiner",
                "Dana Demo",
                "--org",
                "Exhibit demo lab");
        run(
                "custody",
                caseDir.toString(),
                "add",
                "--type",
                "seize",
                "--item",
                "EV-001",
                "--from",
                "Alex (owner)",
                "--to",
                "Officer A. Smith",
                "--location",
                "Alex's flat, 1 Demo Street",
                "--purpose",
                "seized under warrant W-DEMO-1",
                "--seal",
                "S-0001",
                "--condition",
                "sealed in bag S-0001");
        run(
                "custody",
                caseDir.toString(),
                "add",
                "--type",
                "transfer",
                "--item",
                "EV-001",
                "--from",
                "Officer A. Smith",
                "--to",
                "Dana Demo",
                "--location",
                "Exhibit demo lab, evidence room",
                "--purpose",
                "forensic examination",
                "--seal",
                "S-0001",
                "--condition",
                "seal intact");

        try (SampleDisk.Source source = SampleDisk.attach(image, out)) {
            heading("3. Acquisition into the case (" + source.describe() + ")");
            run(
                    "acquire",
                    source.path().toString(),
                    "--case",
                    caseDir.toString(),
                    "--id",
                    "EV-001",
                    "--format",
                    "e01",
                    "--description",
                    "sample disk: USB stick ALEX-USB and home volume",
                    "--notes",
                    "generated by exhibit demo");
            Path item = caseDir.resolve("evidence/EV-001");
            heading("4. Verification of the image" + (source.device() ? " and of the source" : ""));
            if (source.device()) {
                run("verify", item.toString(), "--source");
            } else {
                run("verify", item.toString());
            }
            heading("5. Analysis of the image (read-only, through The Sleuth Kit): its summary joins the case");
            Path acquired = item.resolve("image.E01");
            run(
                    "analyze",
                    acquired.toString(),
                    "--out",
                    item.resolve("analysis.json").toString());
            run("analyze", acquired.toString());
            run("analyze", "files", acquired.toString(), "--table");

            heading("6. Hash sets, and every file hashed, typed and looked up, with the timeline, kept in the case");
            Path store = root.resolve("hashsets");
            DemoAnalysis.importHashSets(this::run, out, acquired, root.resolve("hash-lists"), store);
            DemoAnalysis.keepInCase(this::run, out, caseDir, "EV-001", store);
            run("index", caseDir.toString());
            run("search", caseDir.toString(), "--type", "image/*", "--json");
        }

        heading("7. The examiner's signing key (demo only: its password is in a file beside it)");
        Path password = keys.resolve("password.txt");
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        Files.writeString(password, HexFormat.of().formatHex(secret) + "\n");
        Path key = keys.resolve("examiner.p12");
        Path tsa = keys.resolve("demo-tsa.p12");
        run(
                "keys",
                "init",
                "--out",
                key.toString(),
                "--subject",
                "CN=Dana Demo, O=Exhibit demo lab",
                "--password-file",
                password.toString());
        run(
                "keys",
                "export-cert",
                key.toString(),
                "--out",
                keys.resolve("examiner.pem").toString(),
                "--password-file",
                password.toString());
        run(
                "keys",
                "init",
                "--tsa",
                "--out",
                tsa.toString(),
                "--subject",
                "CN=Exhibit demo TSA (untrusted)",
                "--password-file",
                password.toString());
        run(
                "keys",
                "export-cert",
                tsa.toString(),
                "--out",
                keys.resolve("demo-tsa.pem").toString(),
                "--password-file",
                password.toString());

        heading("8. The signed, time-stamped report with the examiner's findings, and its verification");
        Path findings = Files.writeString(root.resolve("findings.txt"), DEMO_FINDINGS);
        run(
                "report",
                "build",
                caseDir.toString(),
                "--sign",
                key.toString(),
                "--password-file",
                password.toString(),
                "--tsa",
                "local:" + tsa,
                "--tsa-password-file",
                password.toString(),
                "--findings",
                findings.toString());
        Path report = latestReport(caseDir);
        run(
                "report",
                "verify",
                report.toString(),
                "--evidence",
                "--ca",
                keys.resolve("examiner.pem").toString(),
                "--tsa-ca",
                keys.resolve("demo-tsa.pem").toString());

        heading("Done");
        out.println("  case:          " + caseDir.toAbsolutePath());
        out.println("  image and log: " + caseDir.resolve("evidence/EV-001").toAbsolutePath());
        out.println("  analyses:      "
                + caseDir.resolve("evidence/EV-001/analysis").toAbsolutePath());
        out.println("  custody log:   " + caseDir.resolve("custody.log.jsonl").toAbsolutePath());
        out.println("  report:        " + report.resolve("report.html").toAbsolutePath());
        out.println("  check the signature without Exhibit:");
        out.println("    openssl cms -verify -binary -inform DER -in " + report.resolve("record.json.p7s")
                + " -content " + report.resolve("record.json") + " -CAfile " + keys.resolve("examiner.pem")
                + " -purpose any -out /dev/null");
        out.flush();
        return ExitCodes.OK;
    }

    private static void prepare(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw ExhibitException.usage("demo directory " + root + " is not empty; give a new one");
                }
            }
        }
        Files.createDirectories(root);
    }

    private void heading(String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }

    /** Runs one exhibit command as an examiner would type it; stops the demo if it fails. */
    private void run(String... args) {
        List<String> shown = new ArrayList<>();
        for (String a : args) {
            shown.add(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        out.println("$ exhibit " + String.join(" ", shown));
        out.flush();
        int status = Main.execute(args, out, err);
        if (status != ExitCodes.OK) {
            throw new ExhibitException(
                    status == ExitCodes.EVIDENCE ? ExhibitException.Kind.EVIDENCE : ExhibitException.Kind.ENVIRONMENT,
                    "the demo stopped: 'exhibit " + args[0] + "' exited with status " + status);
        }
    }

    private static Path latestReport(Path caseDir) throws IOException {
        try (var reports = Files.list(caseDir.resolve("reports"))) {
            return reports.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
        }
    }
}

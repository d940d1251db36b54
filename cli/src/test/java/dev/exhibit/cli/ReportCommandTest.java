package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.fixtures.TestTsaServer;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.sign.LocalTimeStampAuthority;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit report build|verify} on a case holding the hostile-name corpus (fixture acquisition log and analysis
 * summary until the acquire and analyze stages land), keys made with {@code exhibit keys}.
 */
class ReportCommandTest {
    @TempDir
    Path tmp;

    Path caseDir;
    Path pw;
    Path examinerP12;
    Path examinerPem;
    Path tsaP12;
    Path tsaPem;

    @BeforeEach
    void setUp() throws Exception {
        caseDir = tmp.resolve("case");
        CaseFixture.hostile(caseDir);
        CliKeys examiner = CliKeys.examiner(tmp, "examiner", "CN=Jane Examiner, O=Lab");
        CliKeys tsa = CliKeys.tsa(tmp, "tsa", "CN=Lab TSA (untrusted)");
        pw = examiner.passwordFile();
        examinerP12 = examiner.p12();
        examinerPem = examiner.pem();
        tsaP12 = tsa.p12();
        tsaPem = tsa.pem();
    }

    private CliRunner.Result buildSigned(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "report",
                "build",
                caseDir.toString(),
                "--sign",
                examinerP12.toString(),
                "--password-file",
                pw.toString()));
        args.addAll(List.of(more));
        return ok(args.toArray(String[]::new));
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private Path build(String tsa) {
        CliRunner.Result r = buildSigned("--tsa", tsa, "--tsa-password-file", pw.toString());
        List<String> lines = r.out().strip().lines().toList();
        Path html = Path.of(lines.getLast());
        assertThat(html.getFileName().toString()).isEqualTo("report.html");
        assertThat(html).isRegularFile();
        return html.getParent();
    }

    @Test
    void build_writesARecordOpensslVerifiesAndOneChangedByteBreaks() throws Exception {
        Path dir = build("local:" + tsaP12);
        Path record = dir.resolve("record.json");
        Path p7s = dir.resolve("record.json.p7s");
        Proc.Result cms = Openssl.cmsVerify(p7s, record, examinerPem);
        assertThat(cms.exitCode()).as(cms.toString()).isZero();
        assertThat(Openssl.tsVerifyData(p7s, dir.resolve("record.json.p7s.tsr"), tsaPem)
                        .ok()
                        .stdout())
                .contains("Verification: OK");

        CliRunner.Result v = CliRunner.run(
                "report",
                "verify",
                dir.toString(),
                "--evidence",
                "--ca",
                examinerPem.toString(),
                "--tsa-ca",
                tsaPem.toString());
        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.OK);
        assertThat(v.out()).contains("Result: PASS").contains("openssl cms -verify -binary -inform DER");

        byte[] bytes = Files.readAllBytes(record);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"issued\":\"") + 12;
        bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
        Files.write(record, bytes);
        assertThat(Openssl.cmsVerify(p7s, record, examinerPem).exitCode()).isNotZero();
        CliRunner.Result bad = CliRunner.run("report", "verify", dir.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(bad.out())
                .contains("FAIL  signature: record.json was changed after signing")
                .contains("Result: FAIL");
    }

    @Test
    void verify_withoutTrustAnchors_neverSaysPass_andSaysWhatWasNotEstablished() throws Exception {
        Path dir = build("local:" + tsaP12);

        CliRunner.Result v = CliRunner.run("report", "verify", dir.toString());

        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.NOT_ESTABLISHED);
        assertThat(v.out())
                .doesNotContain("Result: PASS")
                .contains("Result: NOT ESTABLISHED")
                .contains("not established: who signed it")
                .contains("not established: when it was signed")
                .contains("established: record.json is unchanged since it was signed with that key");
    }

    @Test
    void recordReSignedWithALookAlikeKey_failsWithTheExaminersCertificate_andIsNeverAPass() throws Exception {
        Path dir = build("local:" + tsaP12);
        Path lookAlikeP12 = tmp.resolve("look-alike.p12");
        ok(
                "keys",
                "init",
                "--out",
                lookAlikeP12.toString(),
                "--subject",
                "CN=Jane Examiner, O=Lab",
                "--password-file",
                pw.toString());
        KeyStoreFile.SigningKey lookAlike = KeyStoreFile.load(lookAlikeP12, TestKeys.PASSWORD);
        com.fasterxml.jackson.databind.node.ObjectNode record =
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.exhibit.core.json.Jcs.mapper()
                        .readTree(dir.resolve("record.json").toFile());
        java.time.Instant now = java.time.Instant.now();
        record.set(
                "report",
                dev.exhibit.report.record.ReportHeader.of(
                        record.path("report").path("id").asText(),
                        now,
                        dev.exhibit.core.Invocation.of("exhibit", List.of()),
                        null,
                        lookAlike.certificate(),
                        null,
                        false));
        byte[] bytes = dev.exhibit.core.json.Jcs.canonicalBytes(record);
        Files.write(dir.resolve("record.json"), bytes);
        Files.write(
                dir.resolve("record.json.p7s"),
                dev.exhibit.report.sign.CmsSigner.sign(bytes, lookAlike, null).p7s());
        Files.delete(dir.resolve("record.json.p7s.tsr"));

        CliRunner.Result anchored = CliRunner.run("report", "verify", dir.toString(), "--ca", examinerPem.toString());
        assertThat(anchored.exit()).as(anchored.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(anchored.out()).contains("FAIL  signer certificate: does not chain to any given trust anchor");

        CliRunner.Result unanchored = CliRunner.run("report", "verify", dir.toString());
        assertThat(unanchored.out()).doesNotContain("Result: PASS");
        assertThat(unanchored.exit()).isNotZero();
    }

    @Test
    void verify_ofACaseDirectory_isAUsageErrorNamingItsReports() throws Exception {
        Path dir = build("local:" + tsaP12);

        CliRunner.Result v = CliRunner.run("report", "verify", caseDir.toString());

        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(v.err()).contains("is a case directory, not a report").contains(dir.toString());
        assertThat(v.out()).doesNotContain("FAIL");
    }

    @Test
    void build_timeStampsThroughAnHttpTsa() throws Exception {
        KeyStoreFile.SigningKey tsaKey = KeyStoreFile.load(tsaP12, TestKeys.PASSWORD);
        try (TestTsaServer server = new TestTsaServer(new LocalTimeStampAuthority(tsaKey, "tsa.p12"))) {
            Path dir = build(server.uri().toString());
            assertThat(server.requests()).isEqualTo(2);
            assertThat(Openssl.tsVerifyData(dir.resolve("record.json.p7s"), dir.resolve("record.json.p7s.tsr"), tsaPem)
                            .ok()
                            .stdout())
                    .contains("Verification: OK");
            assertThat(CliRunner.run(
                                    "report",
                                    "verify",
                                    dir.toString(),
                                    "--ca",
                                    examinerPem.toString(),
                                    "--tsa-ca",
                                    tsaPem.toString())
                            .exit())
                    .isZero();
        }
    }

    @Test
    void build_withAnUnreachableTsaFailsAndWritesNothing() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner.Result r = CliRunner.run(
                "report",
                "build",
                caseDir.toString(),
                "--sign",
                examinerP12.toString(),
                "--password-file",
                pw.toString(),
                "--tsa",
                "http://127.0.0.1:" + port + "/tsa");
        assertThat(r.exit()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(r.err()).startsWith("exhibit: error: time-stamping authority http://127.0.0.1:");
        try (Stream<Path> s = Files.list(caseDir.resolve("reports"))) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void verify_namesTamperedPlacesAndPrintsEvidenceStringsVisibly() throws Exception {
        Path dir = build("local:" + tsaP12);
        Path log = caseDir.resolve("custody.log.jsonl");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("Lab evidence room", "Lab \\u001b[31mroom"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliRunner.Result v = CliRunner.run("report", "verify", dir.toString());
        assertThat(v.exit()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(v.out())
                .contains("FAIL  custody.log.jsonl: line 4: prev is")
                .contains("FAIL  record.json content: record.json /custody/events/2/location is \"Lab evidence room\","
                        + " but custody.log.jsonl gives \"Lab ⟨U+001B⟩[31mroom\"");
        assertThat(v.out().chars().filter(c -> c == 0x1B)).isEmpty();
    }

    @Test
    void build_withTsaButNoSignatureIsAUsageError() {
        CliRunner.Result r = CliRunner.run("report", "build", caseDir.toString(), "--tsa", "http://127.0.0.1:1/");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--tsa needs --sign");
    }

    @Test
    void build_withFindings_signsThemIntoTheRecordAndShowsThemEscaped() throws Exception {
        Path findings = Files.writeString(
                tmp.resolve("findings.txt"),
                "The FAT16 volume holds <img src=x onerror=alert(1)>.txt, deleted.\n\nNothing else of note.\n",
                StandardCharsets.UTF_8);
        CliRunner.Result r = buildSigned("--findings", findings.toString());
        String sha256 =
                Proc.firstField(Proc.run("sha256sum", findings.toString()).ok());
        assertThat(r.out()).contains("  findings             findings.txt, SHA-256 " + sha256);
        Path dir = Path.of(r.out().strip().lines().toList().getLast()).getParent();
        var record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("record.json").toFile());
        assertThat(record.at("/findings/sha256").asText()).isEqualTo(sha256);
        assertThat(record.at("/findings/text").asText()).isEqualTo(Files.readString(findings));
        Proc.Result cms = Openssl.cmsVerify(dir.resolve("record.json.p7s"), dir.resolve("record.json"), examinerPem);
        assertThat(cms.exitCode()).as(cms.toString()).isZero();
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<h2>Findings of the examiner</h2>")
                .contains("The FAT16 volume holds &lt;img src=x onerror=alert(1)&gt;.txt, deleted.")
                .doesNotContain("<img");
        CliRunner.Result v = CliRunner.run("report", "verify", dir.toString(), "--ca", examinerPem.toString());
        assertThat(v.out()).contains("INFO  findings: entered by the examiner from findings.txt (SHA-256 " + sha256);
    }

    @Test
    void build_refusesFindingsThatAreNotUtf8AndWritesNothing() throws Exception {
        Path findings = Files.write(tmp.resolve("befund.txt"), "Stra\u00dfe".getBytes(StandardCharsets.ISO_8859_1));
        long events = Files.readAllLines(caseDir.resolve("custody.log.jsonl")).size();

        CliRunner.Result r = CliRunner.run("report", "build", caseDir.toString(), "--findings", findings.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        OneLineError.assertOneLineError(r)
                .isEqualTo("exhibit: error: --findings " + findings
                        + ": byte offset 4 (0xDF) is not UTF-8; save the findings as UTF-8 text");
        assertThat(caseDir.resolve("reports")).isEmptyDirectory();
        assertThat(Files.readAllLines(caseDir.resolve("custody.log.jsonl"))).hasSize((int) events);
    }

    @Test
    void build_withoutSignature_saysItIsADraft() {
        CliRunner.Result r = ok("report", "build", caseDir.toString());
        assertThat(r.out()).contains("DRAFT, NOT SIGNED").contains("findings             none entered");
    }
}

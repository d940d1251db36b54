package dev.exhibit.report.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.Reports;
import dev.exhibit.report.fixtures.CaseFixture;
import dev.exhibit.report.fixtures.HostileNames;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyAlgorithm;
import dev.exhibit.report.keys.Pem;
import dev.exhibit.report.record.Findings;
import dev.exhibit.report.sign.LocalTimeStampAuthority;
import dev.exhibit.testing.Proc;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of tampering a court cares about is detected, and the failure names the place. */
class ReportVerifierTest {
    @TempDir
    Path tmp;

    CaseFixture.Made made;
    TestKeys.Made examiner;
    TestKeys.Made tsa;
    Reports.Built built;

    @BeforeEach
    void build() throws Exception {
        made = CaseFixture.hostile(tmp.resolve("case"));
        examiner = TestKeys.examiner(tmp.resolve("keys"), KeyAlgorithm.ECDSA_P256);
        tsa = TestKeys.tsa(tmp.resolve("keys"));
        built = Reports.build(
                made.caseDir(),
                new Reports.BuildOptions(
                        CaseFixture.invocation("report", "build"),
                        examiner.key(),
                        new LocalTimeStampAuthority(tsa.key(), "tsa.p12"),
                        "CFTT-TEST-1"));
    }

    private ReportVerifier.Verification verify(boolean evidence, Trust trust) throws Exception {
        return ReportVerifier.verify(new ReportVerifier.Options(built.directory(), null, trust, evidence));
    }

    private static List<String> failures(ReportVerifier.Verification v) {
        return v.checks().stream()
                .filter(c -> c.status() == Check.Status.FAIL)
                .map(Check::toString)
                .toList();
    }

    @Test
    void verify_ofAnUntouchedReportPassesEveryCheckAndFlagsTheLocalTsa() throws Exception {
        ReportVerifier.Verification v = verify(true, Trust.none());
        assertThat(failures(v)).isEmpty();
        assertThat(v.passed()).isTrue();
        assertThat(v.checks())
                .extracting(Check::toString)
                .anyMatch(s -> s.startsWith("WARN  signature time stamp") && s.contains("UNTRUSTED"));
        assertThat(v.checks())
                .extracting(Check::toString)
                .anyMatch(s -> s.startsWith("PASS  evidence EV-001") && s.contains("md5, sha1, sha256 match"));
    }

    @Test
    void verify_withTrustAnchorsChecksSignerAndTsa() throws Exception {
        Trust trust = new Trust(Pem.readCertificates(examiner.pem()), Pem.readCertificates(tsa.pem()));
        ReportVerifier.Verification v = verify(false, trust);
        assertThat(failures(v)).isEmpty();
        assertThat(v.checks())
                .extracting(Check::toString)
                .contains("PASS  signer certificate: is itself one of the given trust anchors")
                .contains("PASS  time-stamp authority: is itself one of the given trust anchors");

        TestKeys.Made stranger = TestKeys.examiner(tmp.resolve("other"), KeyAlgorithm.ECDSA_P256);
        ReportVerifier.Verification wrong = verify(false, new Trust(Pem.readCertificates(stranger.pem()), List.of()));
        assertThat(failures(wrong)).singleElement().asString().contains("signer certificate: does not chain");
    }

    @Test
    void verify_namesTheEditedCustodyEventByLineAndPointer() throws Exception {
        Path log = made.caseDir().custody().file();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).replace("Suspect's office, 3rd floor", "Suspect's office, 4th floor"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        List<String> f = failures(verify(false, Trust.none()));
        assertThat(f).anyMatch(s -> s.contains("custody.log.jsonl: line 3: prev is"));
        assertThat(f)
                .anyMatch(s -> s.contains("record.json /custody/events/1/location is \"Suspect's office, 3rd"
                        + " floor\", but custody.log.jsonl gives \"Suspect's office, 4th floor\""));
    }

    @Test
    void verify_namesTheEditedAcquisitionRecord() throws Exception {
        Path log = made.acquisition().log();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int end = lines.size() - 3;
        assertThat(lines.get(end)).contains("\"type\":\"end\"");
        lines.set(end, lines.get(end).replace("\"durationMillis\":1234", "\"durationMillis\":1235"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        List<String> f = failures(verify(false, Trust.none()));
        assertThat(f).anyMatch(s -> s.contains("evidence/EV-001/acquisition.log.jsonl: line " + (end + 2) + ": prev"));
        assertThat(f)
                .anyMatch(s -> s.contains("record.json /evidence/0/acquisition/durationMillis is 1234, but"
                        + " evidence/EV-001/acquisition.log.jsonl gives 1235"));
    }

    @Test
    void verify_detectsOneChangedByteOfTheRecord() throws Exception {
        Path record = built.directory().resolve(Reports.RECORD);
        String text = Files.readString(record, StandardCharsets.UTF_8);
        Files.writeString(
                record,
                text.replace("\"badSectorCount\":9", "\"badSectorCount\":0").replace("\"count\":9", "\"count\":0"),
                StandardCharsets.UTF_8);
        List<String> f = failures(verify(false, Trust.none()));
        assertThat(f).anyMatch(s -> s.startsWith("FAIL  signature: record.json was changed after signing"));
        assertThat(f)
                .anyMatch(s -> s.contains("record.json /evidence/0/badSectors/count is 0, but"
                        + " evidence/EV-001/acquisition.log.jsonl gives 9"));
        Proc.Result openssl = Openssl.cmsVerify(built.directory().resolve(Reports.SIGNATURE), record, examiner.pem());
        assertThat(openssl.exitCode()).isNotZero();
    }

    @Test
    void verify_detectsAnAlteredSignatureFile() throws Exception {
        Path p7s = built.directory().resolve(Reports.SIGNATURE);
        byte[] bytes = Files.readAllBytes(p7s);
        byte[] sig = new org.bouncycastle.cms.CMSSignedData(bytes)
                .getSignerInfos()
                .getSigners()
                .iterator()
                .next()
                .getSignature();
        int at = OpensslCommands.indexOf(bytes, sig);
        bytes[at + sig.length - 1] ^= 0x01;
        Files.write(p7s, bytes);
        List<String> f = failures(verify(false, Trust.none()));
        assertThat(f).anyMatch(s -> s.startsWith("FAIL  signature: record.json.p7s: the signature value does not"));
        assertThat(f).anyMatch(s -> s.startsWith("FAIL  record.json.p7s.tsr: the token covers"));
    }

    @Test
    void verify_detectsAChangedImageAndNamesTheRegion() throws Exception {
        Path image = made.acquisition().imageFiles().getFirst();
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(3_000_000);
            int b = f.read();
            f.seek(3_000_000);
            f.write(b ^ 0xFF);
        }
        List<String> f = failures(verify(true, Trust.none()));
        assertThat(f).anyMatch(s -> s.contains("evidence EV-001: image sha256 is"));
        assertThat(f).anyMatch(s -> s.contains("first changed region: bytes 2097152–3145727"));
        assertThat(failures(verify(false, Trust.none())))
                .as("without --evidence images are not read")
                .isEmpty();
    }

    @Test
    void verify_ofASplitImageNamesTheChangedSegment() throws Exception {
        CaseFixture.Made split = CaseFixture.make(
                tmp.resolve("split"),
                new dev.exhibit.report.fixtures.AcquisitionFixture()
                        .imageBytes(3 << 20)
                        .split(1 << 20));
        Reports.Built b = Reports.build(
                split.caseDir(),
                new Reports.BuildOptions(CaseFixture.invocation("report"), examiner.key(), null, null));
        Path second = split.acquisition().imageFiles().get(1);
        byte[] bytes = Files.readAllBytes(second);
        bytes[10] ^= 0x01;
        Files.write(second, bytes);
        List<String> f =
                failures(ReportVerifier.verify(new ReportVerifier.Options(b.directory(), null, Trust.none(), true)));
        assertThat(f).anyMatch(s -> s.contains("evidence/EV-001/image.002 has SHA-256"));
        assertThat(f).noneMatch(s -> s.contains("image.001") || s.contains("image.003"));
        assertThat(f).anyMatch(s -> s.contains("first changed region: bytes 1048576–2097151"));
    }

    @Test
    void verify_detectsAnEditedCaseFile() throws Exception {
        Path caseJson = made.caseDir().caseFile();
        Files.writeString(caseJson, Files.readString(caseJson).replace("2026-0042", "2026-0043"));
        List<String> f = failures(verify(false, Trust.none()));
        assertThat(f).anyMatch(s -> s.startsWith("FAIL  case.json: SHA-256 is") && s.contains("line 1"));
        assertThat(f).anyMatch(s -> s.contains("record.json /case/content/caseNumber is \"2026-0042\""));
    }

    @Test
    void verify_detectsRemovedCustodyLines() throws Exception {
        Path log = made.caseDir().custody().file();
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.subList(3, lines.size()).clear();
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThat(failures(verify(false, Trust.none())))
                .anyMatch(s -> s.contains("custody.log.jsonl: has 3 complete lines, but the record covers 4"));
    }

    @Test
    void verify_ofAnUnsignedReportFails() throws Exception {
        Reports.Built unsigned = Reports.build(
                made.caseDir(), new Reports.BuildOptions(CaseFixture.invocation("report"), null, null, null));
        ReportVerifier.Verification v =
                ReportVerifier.verify(new ReportVerifier.Options(unsigned.directory(), null, Trust.none(), false));
        assertThat(failures(v))
                .containsExactly("FAIL  signature: record.json.p7s is missing: the record is not signed");
    }

    @Test
    void verify_ofAReportWithFindingsPassesAndSaysOnlyTheSignatureVouchesForThem() throws Exception {
        Path file = Files.writeString(
                tmp.resolve("findings.txt"), "Nothing of note.\n\nSee annex " + HostileNames.QUOTES + ".\n");
        Reports.Built withFindings = Reports.build(
                made.caseDir(),
                new Reports.BuildOptions(
                        CaseFixture.invocation("report", "build"), examiner.key(), null, null, Findings.read(file)));
        ReportVerifier.Verification v =
                ReportVerifier.verify(new ReportVerifier.Options(withFindings.directory(), null, Trust.none(), false));
        assertThat(failures(v)).isEmpty();
        assertThat(v.checks())
                .extracting(Check::toString)
                .contains("INFO  findings: entered by the examiner from findings.txt (SHA-256 "
                        + Proc.firstField(Proc.run("sha256sum", file.toString()).ok())
                        + "); not derived from the case, so only the signature vouches for them");
    }

    @Test
    void verify_failsFindingsChangedAfterSigning() throws Exception {
        Path file = Files.writeString(tmp.resolve("findings.txt"), "The disk holds no deleted files.\n");
        Reports.Built withFindings = Reports.build(
                made.caseDir(),
                new Reports.BuildOptions(
                        CaseFixture.invocation("report", "build"), examiner.key(), null, null, Findings.read(file)));
        Path record = withFindings.directory().resolve("record.json");
        Files.writeString(record, Files.readString(record).replace("holds no deleted", "holds many deleted"));
        ReportVerifier.Verification v =
                ReportVerifier.verify(new ReportVerifier.Options(withFindings.directory(), null, Trust.none(), false));
        assertThat(failures(v))
                .anyMatch(s -> s.startsWith("FAIL  signature: record.json was changed after signing"))
                .anyMatch(s -> s.startsWith("FAIL  findings: record.json /findings/sha256 is"));
    }

    @Test
    void opensslCommands_printedByVerifyRunAsTheyStand() throws Exception {
        ReportVerifier.Verification v = verify(false, Trust.none());
        Files.copy(examiner.pem(), built.directory().resolve("examiner.pem"));
        Files.copy(tsa.pem(), built.directory().resolve("tsa.pem"));
        StringBuilder script = new StringBuilder("set -e\n");
        for (String line : v.opensslCommands()) {
            script.append(line).append('\n');
        }
        Proc.Result r = Proc.run(built.directory(), List.of("bash", "-c", script.toString()))
                .ok();
        assertThat(r.stdout() + r.stderr())
                .contains("CMS Verification successful")
                .contains(built.recordSha256());
        assertThat(r.stdout().split("Verification: OK", -1)).hasSize(3);
    }
}

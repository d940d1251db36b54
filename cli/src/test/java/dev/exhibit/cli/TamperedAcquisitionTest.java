package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.record.RecordBuilder;
import dev.exhibit.report.record.ReportHeader;
import dev.exhibit.report.sign.CmsSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with write access to a case changes bytes of an acquired image and rewrites its acquisition log with
 * the new hashes and a recomputed chain. Every anchor Exhibit wrote must catch it: verify of the item, custody list,
 * report build, and report verify of a record signed over the rewrite.
 */
class TamperedAcquisitionTest {
    private static final long SOURCE_BYTES = 3L << 20;
    private static final long TAMPERED_BYTE = 1_048_576 + 4096;

    @TempDir
    Path tmp;

    Path caseDir;
    Path item;
    Path pw;
    Path examinerP12;
    Path examinerPem;

    @BeforeEach
    void acquireIntoACase() throws Exception {
        caseDir = tmp.resolve("case");
        ok("case", "init", caseDir.toString(), "--number", "42", "--title", "t", "--examiner", "Jane");
        Path source = Acquisitions.randomFile(tmp.resolve("source.bin"), SOURCE_BYTES, 7);
        ok(
                "acquire",
                source.toString(),
                "--case",
                caseDir.toString(),
                "--id",
                "EV-001",
                "--window",
                "1MiB",
                "--hash",
                "md5,sha1,sha256");
        item = caseDir.resolve("evidence/EV-001");
        CliKeys examiner = CliKeys.examiner(tmp, "examiner", "CN=Jane");
        pw = examiner.passwordFile();
        examinerP12 = examiner.p12();
        examinerPem = examiner.pem();
    }

    private CliRunner.Result buildReport() {
        return CliRunner.run(
                "report",
                "build",
                caseDir.toString(),
                "--sign",
                examinerP12.toString(),
                "--password-file",
                pw.toString());
    }

    private static CliRunner.Result ok(String... args) {
        return ok(CliRunner.run(args));
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void rewrittenLogWithSwappedImage_failsEveryAnchorCheck() throws Exception {
        String anchoredHead = custodyAcquireEvent().path("logHeadHash").asText();
        int anchoredLine = (int) custodyAcquireEvent().path("logRecords").asLong();
        ok(buildReport());
        Path firstReport = onlyReport();

        Acquisitions.tamper(item, TAMPERED_BYTE, type -> type.equals("verification"));
        String rewrittenLine = Sha256.hex(Files.readAllLines(item.resolve("acquisition.log.jsonl"))
                .get(anchoredLine - 1)
                .getBytes(StandardCharsets.UTF_8));

        CliRunner.Result verify = CliRunner.run("verify", item.toString());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(verify.out())
                .startsWith("FAILED")
                .contains("ANCHOR DIFFERS")
                .contains(anchoredHead)
                .contains(rewrittenLine);

        CliRunner.Result list = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(list.exit()).as(list.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(list.out()).contains("DIFFERS").contains(anchoredHead);

        CliRunner.Result build = buildReport();
        assertThat(build.exit()).as(build.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(build.err())
                .contains("cannot build a report")
                .contains(anchoredHead)
                .contains(rewrittenLine);
        assertThat(onlyReport()).isEqualTo(firstReport);

        CliRunner.Result old =
                CliRunner.run("report", "verify", firstReport.toString(), "--evidence", "--ca", examinerPem.toString());
        assertThat(old.exit()).as(old.toString()).isEqualTo(ExitCodes.EVIDENCE);

        Path forged = signedRecordOverTheRewrite();
        CliRunner.Result v =
                CliRunner.run("report", "verify", forged.toString(), "--evidence", "--ca", examinerPem.toString());
        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.EVIDENCE);
        String oldMd5 = custodyAcquireEvent().path("hashes").path("md5").asText();
        assertThat(v.out())
                .contains("FAIL  custody anchors in record.json")
                .contains(oldMd5)
                .contains(Acquisitions.sum("md5", item.resolve("image.raw")))
                .contains("FAIL  evidence/EV-001/acquisition.log.jsonl")
                .doesNotContain("Result: PASS");
    }

    @Test
    void deletedCustodyLog_failsVerifyOfTheItemInsteadOfSilentlyDroppingTheAnchor() throws Exception {
        Files.delete(caseDir.resolve("custody.log.jsonl"));

        CliRunner.Result verify = CliRunner.run("verify", item.toString());

        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(verify.out()).contains("ANCHOR DIFFERS").contains("custody log is missing");
    }

    /**
     * A line under the anchored head is edited (a hardware write blocker declared after the fact) and the break this
     * leaves is acknowledged with {@code chain continue}: the anchored line still hashes to the quoted head, but the
     * lines before the break are no longer those anchored, so no anchor may say it matches.
     */
    @Test
    void lineEditedUnderTheAnchoredHead_andContinuedPastItsBreak_stillFailsEveryAnchorCheck() throws Exception {
        ok(buildReport());
        Path firstReport = onlyReport();
        Path log = item.resolve("acquisition.log.jsonl");
        Acquisitions.declareHardwareBlockerAfterTheFact(log);
        ok("chain", "continue", log.toString(), "--reason", "hardware blocker left out by mistake");

        CliRunner.Result verify = CliRunner.run("verify", item.toString());
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(verify.out())
                .startsWith("FAILED")
                .contains("log chain: intact as continued past a break")
                .contains("ANCHOR DIFFERS")
                .contains("broken at line 3");

        CliRunner.Result list = CliRunner.run("custody", caseDir.toString(), "list");
        assertThat(list.exit()).as(list.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(list.out()).contains("DIFFERS").contains("broken at line 3");

        CliRunner.Result build = buildReport();
        assertThat(build.exit()).as(build.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(build.err()).contains("cannot build a report").contains("broken at line 3");
        assertThat(onlyReport()).isEqualTo(firstReport);

        CliRunner.Result old =
                CliRunner.run("report", "verify", firstReport.toString(), "--evidence", "--ca", examinerPem.toString());
        assertThat(old.exit()).as(old.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(old.out())
                .contains("FAIL  evidence/EV-001/acquisition.log.jsonl: line "
                        + custodyAcquireEvent().path("logRecords").asLong() + " still hashes to")
                .doesNotContain("PASS  evidence/EV-001/acquisition.log.jsonl: hash chain");
    }

    /**
     * The break a continuation is for: two verifications appended at once (as before locking) forked the log after
     * the anchored lines. Continued, the log is usable again and its anchor still holds, shown as continued.
     */
    @Test
    void forkAfterTheAnchoredLines_continued_keepsTheAnchor() throws Exception {
        ok("verify", item.toString());
        Path log = item.resolve("acquisition.log.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.add(lines.getLast().replace("\"type\":\"verification\"", "\"twin\":true,\"type\":\"verification\""));
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertThat(CliRunner.run("verify", item.toString()).exit()).isEqualTo(ExitCodes.EVIDENCE);
        ok("chain", "continue", log.toString(), "--reason", "two verifications at once");

        CliRunner.Result verify = ok("verify", item.toString());
        assertThat(verify.out())
                .contains("log chain: intact as continued past a break")
                .contains("anchor: matches");
        ok("custody", caseDir.toString(), "list");
        ok(buildReport());
        CliRunner.Result v = CliRunner.run("report", "verify", onlyReport().toString(), "--ca", examinerPem.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out())
                .contains("WARN  evidence/EV-001/acquisition.log.jsonl: the chain was broken and is continued");
    }

    /** What an earlier build did: derive a record from the case as it is, sign it with the examiner's key. */
    private Path signedRecordOverTheRewrite() throws IOException {
        CaseDirectory c = CaseDirectory.open(caseDir);
        ObjectNode record = RecordBuilder.body(c, RecordBuilder.Coverage.everything(c));
        KeyStoreFile.SigningKey key = KeyStoreFile.load(examinerP12, TestKeys.PASSWORD);
        Instant now = Instant.now();
        String id = ReportHeader.newId(now);
        record.set(
                "report",
                ReportHeader.of(id, now, Invocation.of("exhibit", List.of()), null, key.certificate(), null, false));
        byte[] bytes = Jcs.canonicalBytes(record);
        Path dir = Files.createDirectory(caseDir.resolve("reports").resolve(id));
        Files.write(dir.resolve("record.json"), bytes);
        Files.write(
                dir.resolve("record.json.p7s"), CmsSigner.sign(bytes, key, null).p7s());
        return dir;
    }

    private JsonNode custodyAcquireEvent() throws IOException {
        return Acquisitions.records(caseDir.resolve("custody.log.jsonl")).stream()
                .filter(r -> r.path("type").asText().equals("acquire"))
                .findFirst()
                .orElseThrow();
    }

    private Path onlyReport() throws IOException {
        try (Stream<Path> s = Files.list(caseDir.resolve("reports"))) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }
}

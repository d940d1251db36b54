package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.log.LogTimeStamp;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.sign.LocalTimeStampAuthority;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exhibit acquire --tsa}: a stand-alone acquisition anchors itself with an RFC 3161 token over its log's final
 * head, which stock openssl accepts and {@code verify} checks; a log rewritten afterwards cannot keep it valid.
 */
class AcquireCommandTimeStampTest {
    @TempDir
    Path tmp;

    Path pw;
    Path tsaP12;
    Path tsaPem;
    Path source;
    Path out;

    @BeforeEach
    void keysAndSource() throws Exception {
        CliKeys tsa = CliKeys.tsa(tmp, "tsa", "CN=Lab TSA");
        pw = tsa.passwordFile();
        tsaP12 = tsa.p12();
        tsaPem = tsa.pem();
        source = Acquisitions.randomFile(tmp.resolve("source.bin"), 2L << 20, 5);
        out = tmp.resolve("out");
        ok(
                "acquire",
                "--window",
                "1MiB",
                "--tsa",
                "local:" + tsaP12,
                "--tsa-password-file",
                pw.toString(),
                source.toString(),
                out.toString());
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void acquire_withTsa_stampsTheFinalHead_asStockOpensslVerifies() throws Exception {
        Path log = out.resolve("acquisition.log.jsonl");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        JsonNode stamp = Acquisitions.records(log).getLast();
        assertThat(stamp.path("type").asText()).isEqualTo("timestamp");
        assertThat(Acquisitions.records(log).get(lines.size() - 2).path("type").asText())
                .isEqualTo("end");
        String head = Sha256.hex(lines.get(lines.size() - 2).getBytes(StandardCharsets.UTF_8));
        assertThat(stamp.path("coversHeadHash").asText()).isEqualTo(head);
        assertThat(stamp.path("coversRecords").asLong()).isEqualTo(lines.size() - 1);
        assertThat(Acquisitions.records(log)
                        .getFirst()
                        .path("options")
                        .path("timeStampAuthority")
                        .asText())
                .isEqualTo("local:" + tsaP12);

        Path token = tmp.resolve("token.der");
        Files.write(token, Base64.getDecoder().decode(stamp.path("tokenBase64").asText()));
        Proc.Result openssl = Openssl.tsVerifyToken(token, head, tsaPem);
        assertThat(openssl.exitCode()).as(openssl.stdout() + openssl.stderr()).isZero();
        assertThat(openssl.stdout()).contains("Verification: OK");

        CliRunner.Result v = CliRunner.run("verify", out.toString(), "--tsa-ca", tsaPem.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out())
                .contains("anchor: matches: acquisition.log.jsonl line " + lines.size() + " (time stamp)")
                .contains("covers lines 1 to " + (lines.size() - 1))
                .contains("UNTRUSTED")
                .contains("is itself one of the given trust anchors");
    }

    @Test
    void rewrittenLog_cannotKeepItsTimeStamp() throws Exception {
        Acquisitions.tamper(out, 4096, type -> false);

        CliRunner.Result v = CliRunner.run("verify", out.toString(), "--tsa-ca", tsaPem.toString());

        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(v.out()).contains("ANCHOR DIFFERS").contains("the log was changed after it was time-stamped");
    }

    /** An edit under the stamped head, acknowledged by {@code chain continue} after the stamp, is not covered by it. */
    @Test
    void lineEditedUnderTheStampedHead_andContinuedPastItsBreak_isNotCoveredByTheStamp() throws Exception {
        Path log = out.resolve("acquisition.log.jsonl");
        Acquisitions.declareHardwareBlockerAfterTheFact(log);
        long stampLine = Files.readAllLines(log, StandardCharsets.UTF_8).size();
        ok("chain", "continue", log.toString(), "--reason", "hardware blocker left out by mistake");

        CliRunner.Result v = CliRunner.run("verify", out.toString(), "--tsa-ca", tsaPem.toString());

        assertThat(v.exit()).as(v.toString()).isEqualTo(ExitCodes.EVIDENCE);
        assertThat(v.out())
                .contains("ANCHOR DIFFERS: acquisition.log.jsonl line " + stampLine + " (time stamp)")
                .contains("broken at line 3")
                .doesNotContain("anchor: matches");
    }

    @Test
    void rewrittenLogWithoutItsStamp_saysTheStampItAskedForIsMissing() throws Exception {
        Acquisitions.tamper(out, 4096, type -> type.equals("timestamp"));

        CliRunner.Result v = CliRunner.run("verify", out.toString());

        assertThat(v.out())
                .contains("not anchored")
                .contains("asked local:" + tsaP12 + " for a time stamp, but the log holds none");
    }

    @Test
    void stampMadeAfterARewrite_isShownAsMadeLaterThanTheLinesItCovers() throws Exception {
        Acquisitions.tamper(
                out,
                4096,
                type -> type.equals("timestamp"),
                r -> r.put(
                        "time",
                        java.time.Instant.parse(r.path("time").asText())
                                .minus(java.time.Duration.ofHours(2))
                                .toString()));
        KeyStoreFile.SigningKey key = KeyStoreFile.load(tsaP12, TestKeys.PASSWORD);
        LogTimeStamp.append(out.resolve("acquisition.log.jsonl"), new LocalTimeStampAuthority(key, tsaP12.toString()));

        CliRunner.Result v = CliRunner.run("verify", out.toString(), "--tsa-ca", tsaPem.toString());

        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out()).containsPattern("made 1[12][0-9] min after line [0-9]+ was written");
    }

    @Test
    void verify_withTsa_stampsTheVerificationLine() throws Exception {
        CliRunner.Result v = CliRunner.run(
                "verify", out.toString(), "--tsa", "local:" + tsaP12, "--tsa-password-file", pw.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        List<JsonNode> records = Acquisitions.records(out.resolve("acquisition.log.jsonl"));
        assertThat(records.get(records.size() - 2).path("type").asText()).isEqualTo("verification");
        assertThat(records.getLast().path("type").asText()).isEqualTo("timestamp");
        assertThat(records.getLast().path("coversRecords").asLong()).isEqualTo(records.size() - 1);
        assertThat(v.out()).contains("time stamp: lines 1 to " + (records.size() - 1));
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;

    Path pw;

    @BeforeEach
    void password() throws Exception {
        pw = tmp.resolve("pw");
        Files.writeString(pw, new String(TestKeys.PASSWORD) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void init_thenExportCert_givesACertificateOpensslReads() {
        Path p12 = tmp.resolve("examiner.p12");
        CliRunner.Result r = CliRunner.run(
                "keys",
                "init",
                "--out",
                p12.toString(),
                "--subject",
                "CN=Jane Examiner, O=Lab",
                "--algorithm",
                "rsa3072",
                "--password-file",
                pw.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("RSA-3072 with SHA-256 key");
        Path pem = tmp.resolve("examiner.pem");
        assertThat(CliRunner.run(
                                "keys",
                                "export-cert",
                                p12.toString(),
                                "--out",
                                pem.toString(),
                                "--password-file",
                                pw.toString())
                        .exit())
                .isZero();
        String text = Proc.run("openssl", "x509", "-in", pem.toString(), "-noout", "-subject")
                .ok()
                .stdout();
        assertThat(text).contains("subject=CN = Jane Examiner, O = Lab");
    }

    @Test
    void init_overAnExistingFile_isAUsageErrorAndLeavesItAsItWas() throws Exception {
        Path p12 = tmp.resolve("examiner.p12");
        String[] init = {"keys", "init", "--out", p12.toString(), "--subject", "CN=J", "--password-file", pw.toString()
        };
        assertThat(CliRunner.run(init).exit()).isZero();
        byte[] before = Files.readAllBytes(p12);

        CliRunner.Result again = CliRunner.run(init);

        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains(p12 + " already exists").contains("never overwritten");
        assertThat(Files.readAllBytes(p12)).isEqualTo(before);
    }

    @Test
    void init_takesThePasswordFromTheEnvironment() throws Exception {
        Path p12 = tmp.resolve("env.p12");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "keys",
                "init",
                "--out",
                p12.toString(),
                "--subject",
                "CN=Env"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(Passwords.KEY_ENV, "from the environment");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(KeyStoreFile.load(p12, "from the environment".toCharArray())
                        .certificate()
                        .getSubjectX500Principal()
                        .getName())
                .isEqualTo("CN=Env");
    }

    @Test
    void init_neverTakesThePasswordFromTheCommandLine() {
        CliRunner.Result r = CliRunner.run(
                "keys", "init", "--out", tmp.resolve("x.p12").toString(), "--subject", "CN=X", "--password", "secret");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("has no option '--password'").doesNotContain("secret");
        assertThat(tmp.resolve("x.p12")).doesNotExist();
    }

    @Test
    void init_refusesAShortPassword() throws Exception {
        Files.writeString(pw, "short\n");
        CliRunner.Result r = CliRunner.run(
                "keys",
                "init",
                "--out",
                tmp.resolve("x.p12").toString(),
                "--subject",
                "CN=X",
                "--password-file",
                pw.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("at least 8 characters");
    }

    @Test
    void init_withCsr_thenImportChain_storesTheCaIssuedCertificate() throws Exception {
        Path p12 = tmp.resolve("examiner.p12");
        Path csr = tmp.resolve("examiner.csr");
        assertThat(CliRunner.run(
                                "keys",
                                "init",
                                "--out",
                                p12.toString(),
                                "--subject",
                                "CN=Jane, O=Agency",
                                "--csr",
                                csr.toString(),
                                "--password-file",
                                pw.toString())
                        .exit())
                .isZero();
        Openssl.TestCa agency = Openssl.TestCa.create(tmp, "Agency CA");
        Path ca = agency.certificate();
        Path issued = agency.issue(csr, tmp.resolve("issued.pem"));
        Files.writeString(issued, Files.readString(issued) + Files.readString(ca));
        CliRunner.Result r = CliRunner.run(
                "keys", "import-chain", p12.toString(), "--chain", issued.toString(), "--password-file", pw.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("stored a chain of 2").contains("issuer CN=Agency CA");
    }
}

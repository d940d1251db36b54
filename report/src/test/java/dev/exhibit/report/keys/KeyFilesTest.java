package dev.exhibit.report.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.sign.CmsSigner;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyFilesTest {
    @TempDir
    Path tmp;

    private Path passwordFile() throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, new String(TestKeys.PASSWORD) + "\n", StandardCharsets.UTF_8);
        return pw;
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void init_writesAKeyFileOpensslReads(KeyAlgorithm alg) throws Exception {
        TestKeys.Made m = TestKeys.examiner(tmp, alg);
        Proc.Result r = Proc.run(
                        "openssl", "pkcs12", "-in", m.p12().toString(), "-passin", "file:" + passwordFile(), "-nokeys")
                .ok();
        assertThat(r.stdout()).contains("subject=CN = Test Examiner, O = Exhibit Tests");
        Proc.Result text = Proc.run("openssl", "x509", "-in", m.pem().toString(), "-noout", "-text")
                .ok();
        assertThat(text.stdout())
                .contains(alg == KeyAlgorithm.ECDSA_P256 ? "NIST CURVE: P-256" : "Public-Key: (3072 bit)")
                .contains("X509v3 Key Usage: critical")
                .contains("Digital Signature, Non Repudiation")
                .contains("CA:FALSE");
        assertThat(Files.getPosixFilePermissions(m.p12()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void init_forATimeStampingAuthorityMarksTheCriticalExtendedKeyUsage() throws Exception {
        TestKeys.Made tsa = TestKeys.tsa(tmp);
        String text = Proc.run("openssl", "x509", "-in", tsa.pem().toString(), "-noout", "-text")
                .ok()
                .stdout();
        assertThat(text).containsPattern("X509v3 Extended Key Usage: critical\\s+Time Stamping");
    }

    @Test
    void init_neverOverwritesAKeyFile() throws Exception {
        TestKeys.Made m = TestKeys.examiner(tmp, KeyAlgorithm.ECDSA_P256);
        assertThatThrownBy(() -> TestKeys.examiner(tmp, KeyAlgorithm.ECDSA_P256))
                .isInstanceOf(dev.exhibit.core.ExhibitException.class)
                .hasMessageContaining("never overwritten");
        assertThat(KeyStoreFile.load(m.p12(), TestKeys.PASSWORD).certificate())
                .isEqualTo(m.key().certificate());
    }

    @Test
    void load_withAWrongPasswordSaysSo() throws Exception {
        TestKeys.Made m = TestKeys.examiner(tmp, KeyAlgorithm.ECDSA_P256);
        assertThatThrownBy(() -> KeyStoreFile.load(m.p12(), "wrong".toCharArray()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void csr_signedByAnOrganisationsCa_isImportedAndSignaturesChainToThatCa() throws Exception {
        Path p12 = tmp.resolve("examiner.p12");
        Path csr = tmp.resolve("examiner.csr");
        KeyFiles.init(
                new KeyFiles.InitRequest(
                        p12,
                        KeyAlgorithm.ECDSA_P256,
                        "CN=Jane Examiner, O=Agency",
                        Certificates.Purpose.SIGNING,
                        30,
                        csr),
                TestKeys.PASSWORD);
        assertThat(Proc.run("openssl", "req", "-verify", "-in", csr.toString(), "-noout", "-subject")
                        .ok()
                        .stdout())
                .contains("CN = Jane Examiner, O = Agency");
        Openssl.TestCa agency = Openssl.TestCa.create(tmp, "Agency Test CA");
        Path ca = agency.certificate();
        Path issued = agency.issue(csr, tmp.resolve("issued.pem"));
        Path chain = tmp.resolve("chain.pem");
        Files.writeString(chain, Files.readString(ca) + Files.readString(issued));

        List<java.security.cert.X509Certificate> stored = KeyFiles.importChain(p12, TestKeys.PASSWORD, chain);
        assertThat(stored).hasSize(2);
        assertThat(stored.getFirst().getIssuerX500Principal().getName()).isEqualTo("CN=Agency Test CA");

        Path content = tmp.resolve("record.json");
        Files.writeString(content, "{}");
        Path p7s = tmp.resolve("record.json.p7s");
        Files.write(
                p7s,
                CmsSigner.sign(Files.readAllBytes(content), KeyStoreFile.load(p12, TestKeys.PASSWORD), null)
                        .p7s());
        Openssl.cmsVerify(p7s, content, ca).ok();
    }

    @Test
    void importChain_refusesACertificateForAnotherKey() throws Exception {
        TestKeys.Made mine = TestKeys.examiner(tmp.resolve("a"), KeyAlgorithm.ECDSA_P256);
        TestKeys.Made other = TestKeys.examiner(tmp.resolve("b"), KeyAlgorithm.ECDSA_P256);
        assertThatThrownBy(() -> KeyFiles.importChain(mine.p12(), TestKeys.PASSWORD, other.pem()))
                .isInstanceOf(ExhibitException.class)
                .hasMessageContaining("certifies this key file's key");
    }
}

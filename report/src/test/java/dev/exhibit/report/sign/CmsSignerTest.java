package dev.exhibit.report.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.timestamp.TimeStamper;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.keys.KeyAlgorithm;
import dev.exhibit.testing.Proc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CmsSignerTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void sign_verifiesWithOpensslAndFailsAfterOneByteChanges(KeyAlgorithm alg) throws Exception {
        TestKeys.Made examiner = TestKeys.examiner(dir, alg);
        Path content = dir.resolve("record.json");
        Files.writeString(content, "{\"a\":\"caf\u00e9 </script>\",\"n\":1}", StandardCharsets.UTF_8);
        Path p7s = dir.resolve("record.json.p7s");
        Files.write(
                p7s,
                CmsSigner.sign(Files.readAllBytes(content), examiner.key(), null)
                        .p7s());

        Proc.Result ok = Openssl.cmsVerify(p7s, content, examiner.pem());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stderr()).contains("Verification successful");

        byte[] bytes = Files.readAllBytes(content);
        bytes[5] ^= 0x01;
        Files.write(content, bytes);
        Proc.Result bad = Openssl.cmsVerify(p7s, content, examiner.pem());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("Verification failure");
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void sign_embedsATimeStampThatOpensslAccepts(KeyAlgorithm alg) throws Exception {
        TestKeys.Made examiner = TestKeys.examiner(dir, alg);
        TestKeys.Made tsa = TestKeys.tsa(dir.resolve("tsa"));
        byte[] content = "{}".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("record.json"), content);
        TimeStamper stamper = new TimeStamper(new LocalTimeStampAuthority(tsa.key(), "tsa.p12"));
        CmsSigner.Signature sig = CmsSigner.sign(content, examiner.key(), stamper);
        Path p7s = dir.resolve("record.json.p7s");
        Files.write(p7s, sig.p7s());
        assertThat(Openssl.cmsVerify(p7s, dir.resolve("record.json"), examiner.pem())
                        .exitCode())
                .isZero();

        assertThat(Proc.run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", p7s.toString())
                        .ok()
                        .stdout())
                .as("signed attribute binding the certificate, unsigned attribute carrying the time stamp")
                .contains("object: id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)")
                .contains("object: id-smime-aa-timeStampToken (1.2.840.113549.1.9.16.2.14)")
                .contains("eContent: <ABSENT>");

        Path token = dir.resolve("token.der");
        Files.write(token, sig.stamp().token().getEncoded());
        String digest = Sha256.hex(signatureValue(sig.p7s()));
        Proc.Result ts = Openssl.tsVerifyToken(token, digest, tsa.pem());
        assertThat(ts.exitCode()).as(ts.toString()).isZero();
        assertThat(ts.stdout()).contains("Verification: OK");
    }

    static byte[] signatureValue(byte[] p7s) throws Exception {
        return new org.bouncycastle.cms.CMSSignedData(p7s)
                .getSignerInfos()
                .getSigners()
                .iterator()
                .next()
                .getSignature();
    }
}

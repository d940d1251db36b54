package dev.exhibit.report.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.timestamp.HttpTsa;
import dev.exhibit.core.timestamp.TimeStamper;
import dev.exhibit.report.fixtures.Openssl;
import dev.exhibit.report.fixtures.TestKeys;
import dev.exhibit.report.fixtures.TestTsaServer;
import dev.exhibit.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeStamperTest {
    @TempDir
    Path tmp;

    TestKeys.Made tsaKey;
    LocalTimeStampAuthority local;

    @BeforeEach
    void tsa() throws Exception {
        tsaKey = TestKeys.tsa(tmp.resolve("tsa"));
        local = new LocalTimeStampAuthority(tsaKey.key(), "tsa.p12");
    }

    @Test
    void stamp_overHttp_givesAResponseThatOpensslVerifiesAgainstTheData() throws Exception {
        Path data = tmp.resolve("record.json.p7s");
        Files.write(data, "signature bytes".getBytes());
        try (TestTsaServer server = new TestTsaServer(local)) {
            TimeStamper.Stamp stamp = new TimeStamper(new HttpTsa(server.uri()))
                    .stamp(HashAlgorithm.SHA256.newDigest().digest(Files.readAllBytes(data)));
            Path tsr = tmp.resolve("record.json.p7s.tsr");
            Files.write(tsr, stamp.responseDer());
            assertThat(server.requests()).isEqualTo(1);
            Proc.Result ok = Openssl.tsVerifyData(data, tsr, tsaKey.pem());
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.stdout()).contains("Verification: OK");
            assertThat(Proc.run("openssl", "ts", "-reply", "-in", tsr.toString(), "-text")
                            .ok()
                            .stdout())
                    .contains("Policy OID: " + LocalTimeStampAuthority.UNTRUSTED_POLICY.getId())
                    .contains("Status: Granted");

            Files.write(data, "signature byteS".getBytes());
            Proc.Result bad = Openssl.tsVerifyData(data, tsr, tsaKey.pem());
            assertThat(bad.exitCode()).isNotZero();
        }
    }

    @Test
    void stamp_refusesAnHttpErrorGarbageAndATokenForAnotherDigest() throws Exception {
        byte[] digest = HashAlgorithm.SHA256.newDigest().digest(new byte[] {1});
        try (TestTsaServer server = new TestTsaServer(local)) {
            TimeStamper stamper = new TimeStamper(new HttpTsa(server.uri()));
            server.mode(TestTsaServer.Mode.HTTP_ERROR);
            assertThatThrownBy(() -> stamper.stamp(digest))
                    .isInstanceOf(ExhibitException.class)
                    .hasMessageContaining("HTTP 503");
            server.mode(TestTsaServer.Mode.GARBAGE);
            assertThatThrownBy(() -> stamper.stamp(digest)).hasMessageContaining("did not send an RFC 3161 response");
            server.mode(TestTsaServer.Mode.WRONG_IMPRINT);
            assertThatThrownBy(() -> stamper.stamp(digest)).hasMessageContaining("answered wrongly");
        }
    }

    @Test
    void stamp_fromAnUnreachableTsaIsAnEnvironmentError() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TimeStamper stamper = new TimeStamper(new HttpTsa(java.net.URI.create("http://127.0.0.1:" + port + "/")));
        assertThatThrownBy(() -> stamper.stamp(new byte[32]))
                .isInstanceOf(ExhibitException.class)
                .satisfies(e -> assertThat(((ExhibitException) e).kind()).isEqualTo(ExhibitException.Kind.ENVIRONMENT))
                .hasMessageContaining("unreachable");
    }

    @Test
    void httpTsa_acceptsOnlyHttpUrls() {
        assertThatThrownBy(() -> new HttpTsa(java.net.URI.create("ftp://tsa.example/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

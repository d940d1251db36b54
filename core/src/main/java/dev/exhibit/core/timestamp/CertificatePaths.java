package dev.exhibit.core.timestamp;

import dev.exhibit.core.Times;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a certificate chains to trust anchors the verifier supplied (PKIX, at a given time, without revocation
 * checks, which would need network access a court's verification should not depend on).
 */
public final class CertificatePaths {
    private CertificatePaths() {}

    /**
     * The outcome: {@code anchored} when {@code leaf} is one of the anchors or chains to one; {@code detail} says how,
     * or why not.
     */
    public record Result(boolean anchored, String detail) {}

    public static Result validate(
            X509Certificate leaf, List<X509Certificate> others, List<X509Certificate> anchors, Instant at) {
        for (X509Certificate a : anchors) {
            if (Arrays.equals(encoded(a), encoded(leaf))) {
                return new Result(true, "is itself one of the given trust anchors");
            }
        }
        try {
            Set<TrustAnchor> ta = new HashSet<>();
            anchors.forEach(a -> ta.add(new TrustAnchor(a, null)));
            List<X509Certificate> path = new ArrayList<>(List.of(leaf));
            for (X509Certificate c : others) {
                if (!Arrays.equals(encoded(c), encoded(leaf))
                        && anchors.stream().noneMatch(a -> Arrays.equals(encoded(a), encoded(c)))) {
                    path.add(c);
                }
            }
            CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(ta);
            params.setRevocationEnabled(false);
            if (at != null) {
                params.setDate(Date.from(at));
            }
            CertPathValidator.getInstance("PKIX").validate(cp, params);
            return new Result(
                    true,
                    "chains to a given trust anchor" + (at == null ? "" : " (validated at " + Times.utc(at) + ")"));
        } catch (GeneralSecurityException e) {
            return new Result(false, "does not chain to any given trust anchor: " + e.getMessage());
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            return new byte[0];
        }
    }
}

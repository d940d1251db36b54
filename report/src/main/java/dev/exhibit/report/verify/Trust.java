package dev.exhibit.report.verify;

import dev.exhibit.core.Times;
import dev.exhibit.report.record.ReportHeader;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
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
 * Whom a verifier trusts: the certificates given with {@code --ca} (for the signer) and {@code --tsa-ca} (for the
 * time-stamping authority). Without them a signature still proves the record unchanged since signing, but not who
 * signed it: the verifier says so and prints the certificate fingerprint to compare with one obtained independently.
 * Paths are validated at the time of the time stamp (or the signing time), without revocation checking, which needs
 * network access a court's verification should not depend on.
 */
public record Trust(List<X509Certificate> signerAnchors, List<X509Certificate> tsaAnchors) {
    public Trust {
        signerAnchors = List.copyOf(signerAnchors);
        tsaAnchors = List.copyOf(tsaAnchors);
    }

    public static Trust none() {
        return new Trust(List.of(), List.of());
    }

    void checkSigner(X509Certificate cert, org.bouncycastle.cms.CMSSignedData data, Instant at, List<Check> out) {
        String subject = "signer certificate";
        if (at != null && !validAt(cert, at)) {
            out.add(Check.fail(
                    subject,
                    "not valid at " + Times.utc(at) + " (valid "
                            + Times.utc(cert.getNotBefore().toInstant()) + " to "
                            + Times.utc(cert.getNotAfter().toInstant()) + ")"));
            return;
        }
        if (signerAnchors.isEmpty()) {
            out.add(Check.warn(
                    subject,
                    "not anchored: pass --ca with the examiner's certificate or CA, or compare its" + " SHA-256 "
                            + ReportHeader.certificateSha256(cert) + " with one obtained from the examiner"));
            return;
        }
        out.add(validate(subject, cert, intermediates(data), signerAnchors, at));
    }

    void checkTsa(
            X509Certificate tsa, List<X509Certificate> carried, Instant at, boolean untrustedLocal, List<Check> out) {
        String subject = "time-stamp authority";
        if (tsaAnchors.isEmpty()) {
            if (!untrustedLocal) {
                out.add(Check.warn(
                        subject,
                        "not anchored: pass --tsa-ca with the TSA's root certificate, or compare"
                                + " the TSA certificate SHA-256 " + ReportHeader.certificateSha256(tsa)));
            }
            return;
        }
        out.add(validate(subject, tsa, carried, tsaAnchors, at));
    }

    private static Check validate(
            String subject,
            X509Certificate leaf,
            List<X509Certificate> others,
            List<X509Certificate> anchors,
            Instant at) {
        for (X509Certificate a : anchors) {
            if (Arrays.equals(encoded(a), encoded(leaf))) {
                return Check.pass(subject, "is itself one of the given trust anchors");
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
            return Check.pass(
                    subject,
                    "chains to a given trust anchor" + (at == null ? "" : " (validated at " + Times.utc(at) + ")"));
        } catch (GeneralSecurityException e) {
            return Check.fail(subject, "does not chain to any given trust anchor: " + e.getMessage());
        }
    }

    private static List<X509Certificate> intermediates(org.bouncycastle.cms.CMSSignedData data) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            var conv = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter();
            for (Object h : data.getCertificates().getMatches(null)) {
                out.add(conv.getCertificate((org.bouncycastle.cert.X509CertificateHolder) h));
            }
        } catch (GeneralSecurityException e) {
            // An unreadable extra certificate only shortens the path; validation then reports what is missing.
        }
        return out;
    }

    private static boolean validAt(X509Certificate c, Instant at) {
        return !at.isBefore(c.getNotBefore().toInstant())
                && !at.isAfter(c.getNotAfter().toInstant());
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return new byte[0];
        }
    }
}

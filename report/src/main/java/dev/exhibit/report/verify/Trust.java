package dev.exhibit.report.verify;

import dev.exhibit.core.Times;
import dev.exhibit.core.timestamp.CertificatePaths;
import dev.exhibit.report.record.ReportHeader;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        CertificatePaths.Result r = CertificatePaths.validate(leaf, others, anchors, at);
        return r.anchored() ? Check.pass(subject, r.detail()) : Check.fail(subject, r.detail());
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
}

package dev.exhibit.core.timestamp;

import dev.exhibit.core.ExhibitException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/** Checks on RFC 3161 tokens shared by signing (check what we got) and verification (check what we read). */
public final class TimeStampTokens {
    /**
     * TSA policy of Exhibit's local authority: an OID under the UUID arc 2.25 (ITU-T X.667), so that no registration
     * is needed and no real policy can collide with it. Marks a token as made by an untrusted local TSA.
     */
    public static final ASN1ObjectIdentifier UNTRUSTED_POLICY =
            new ASN1ObjectIdentifier("2.25.267091069064409543001428814693452459127");

    private TimeStampTokens() {}

    /** The TSA certificate the token names as its signer, from the certificates it carries. */
    public static X509Certificate signerCertificate(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            throw ExhibitException.evidence(
                    "the time-stamp token does not carry its TSA certificate (request it with certReq)");
        }
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(matches.iterator().next());
        } catch (CertificateException e) {
            throw ExhibitException.evidence("the time-stamp token's TSA certificate is unreadable: " + e.getMessage());
        }
    }

    /**
     * Verifies the token's signature with the certificate it carries, and that the certificate is a time-stamping
     * certificate (RFC 3161 §2.3: critical extended key usage timeStamping, and only that).
     */
    public static X509Certificate checkSignature(TimeStampToken token, String where) {
        X509Certificate tsa = signerCertificate(token);
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
        } catch (TSPException | OperatorCreationException e) {
            throw ExhibitException.evidence(where + ": time-stamp token signature does not verify: " + e.getMessage());
        }
        return tsa;
    }

    /** Whether the certificate carries the critical extended key usage timeStamping. */
    public static boolean isTimeStampingCertificate(X509Certificate cert) {
        try {
            return cert.getCriticalExtensionOIDs() != null
                    && cert.getCriticalExtensionOIDs().contains("2.5.29.37")
                    && cert.getExtendedKeyUsage() != null
                    && cert.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_timeStamping.getId());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    /** Every certificate the token carries (the TSA's and any chain), for building a path to a trust anchor. */
    public static List<X509Certificate> carriedCertificates(TimeStampToken token) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (Object h : token.getCertificates().getMatches(null)) {
            try {
                out.add(conv.getCertificate((X509CertificateHolder) h));
            } catch (CertificateException e) {
                // An unreadable extra certificate only shortens the path; validation reports what is missing.
            }
        }
        return out;
    }

    public static boolean isUntrustedLocal(TimeStampToken token) {
        return UNTRUSTED_POLICY.equals(token.getTimeStampInfo().getPolicy());
    }
}

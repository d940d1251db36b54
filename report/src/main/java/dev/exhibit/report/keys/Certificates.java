package dev.exhibit.report.keys;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Self-signed certificates and certificate requests for examiner and local time-stamping keys. */
public final class Certificates {
    /** Tolerance for a verifier's clock running behind ours. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private Certificates() {}

    /** What a key is for; fixes the certificate's key usage and extended key usage. */
    public enum Purpose {
        /** Signing records: digitalSignature and nonRepudiation (content commitment). */
        SIGNING,
        /** A local time-stamping authority: also the critical extended key usage timeStamping RFC 3161 requires. */
        TIMESTAMPING
    }

    public static X500Name subject(String text) {
        X500Name name;
        try {
            name = new X500Name(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "subject '" + text + "' is not a distinguished name such as \"CN=Jane Examiner, O=Agency\"");
        }
        if (name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN).length == 0) {
            throw new IllegalArgumentException("subject '" + text + "' has no CN (common name)");
        }
        return name;
    }

    public static X509Certificate selfSigned(
            KeyPair keys, KeyAlgorithm alg, X500Name subject, Purpose purpose, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("validity --days (" + days + ") must be at least 1");
        }
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(127, new SecureRandom()).setBit(126);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    subject,
                    serial,
                    Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(Duration.ofDays(days))),
                    subject,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, keyUsage());
            if (purpose == Purpose.TIMESTAMPING) {
                b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(alg.signatureAlgorithm()).build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (CertIOException
                | OperatorCreationException
                | CertificateException
                | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS#10 request for an organisation's CA, asking for the same key usage the self-signed certificate has. */
    public static PKCS10CertificationRequest request(KeyPair keys, KeyAlgorithm alg, X500Name subject) {
        try {
            ExtensionsGenerator eg = new ExtensionsGenerator();
            eg.addExtension(Extension.keyUsage, true, keyUsage());
            JcaPKCS10CertificationRequestBuilder b =
                    new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
            b.addAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, eg.generate());
            return b.build(new JcaContentSignerBuilder(alg.signatureAlgorithm()).build(keys.getPrivate()));
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a certificate request for " + subject, e);
        }
    }

    public static boolean sameKey(PublicKey a, PublicKey b) {
        return java.util.Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    private static KeyUsage keyUsage() {
        return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }
}

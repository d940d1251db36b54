package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.report.record.ReportHeader;
import dev.exhibit.report.sign.KeyDescriptions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Checks {@code record.json.p7s} against {@code record.json}: the CMS signature, the signingCertificateV2 binding,
 * the signer named in the record, the signer's certificate (against trust anchors when given), and the time stamp
 * embedded over the signature value.
 */
final class SignatureChecks {
    static final String SUBJECT = "signature";

    /** What the signature check learnt, for the checks after it; fields are null when unknown. */
    record Result(X509Certificate signer, byte[] signatureValue, Instant signingTime, Instant genTime) {}

    private SignatureChecks() {}

    static Result check(byte[] record, byte[] p7s, JsonNode header, Trust trust, List<Check> out) {
        if (p7s == null) {
            out.add(Check.fail(SUBJECT, "record.json.p7s is missing: the record is not signed"));
            return new Result(null, null, null, null);
        }
        SignerInformation signer;
        X509Certificate cert;
        CMSSignedData data;
        try {
            data = new CMSSignedData(new CMSProcessableByteArray(record), p7s);
            Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                out.add(Check.fail(SUBJECT, "record.json.p7s holds " + signers.size() + " signers; expected one"));
                return new Result(null, null, null, null);
            }
            signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> match = data.getCertificates().getMatches(signer.getSID());
            if (match.isEmpty()) {
                out.add(Check.fail(SUBJECT, "record.json.p7s does not carry its signer's certificate"));
                return new Result(null, null, null, null);
            }
            cert = new JcaX509CertificateConverter()
                    .getCertificate(match.iterator().next());
        } catch (Exception e) {
            out.add(Check.fail(SUBJECT, "record.json.p7s is not a readable CMS signature: " + e.getMessage()));
            return new Result(null, null, null, null);
        }
        Instant signingTime = signingTime(signer);
        String recordSha = Sha256.hex(record);
        byte[] signedDigest = messageDigest(signer);
        boolean ok;
        try {
            ok = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
        } catch (Exception e) {
            ok = false;
        }
        if (!ok) {
            if (signedDigest != null
                    && !Arrays.equals(
                            signedDigest, HashAlgorithm.SHA256.newDigest().digest(record))) {
                out.add(Check.fail(
                        SUBJECT,
                        "record.json was changed after signing: its SHA-256 is " + recordSha
                                + " but record.json.p7s signs " + HexFormat.of().formatHex(signedDigest)));
            } else {
                out.add(Check.fail(
                        SUBJECT,
                        "record.json.p7s: the signature value does not verify with the"
                                + " certificate it carries (the signature file was altered)"));
            }
            return new Result(cert, signer.getSignature(), signingTime, null);
        }
        out.add(Check.pass(
                SUBJECT,
                "record.json.p7s is a valid " + KeyDescriptions.describe(cert.getPublicKey())
                        + " signature over record.json (SHA-256 " + recordSha + ") by \""
                        + KeyDescriptions.name(cert.getSubjectX500Principal()) + "\", certificate SHA-256 "
                        + ReportHeader.certificateSha256(cert)
                        + (signingTime == null ? "" : ", signing time (signer's clock) " + Times.utc(signingTime))));
        checkSigningCertificate(signer, cert, out);
        checkNamedSigner(header, cert, out);
        Instant genTime = TimeStampChecks.embedded(signer, header, trust, out);
        trust.checkSigner(cert, data, genTime != null ? genTime : signingTime, out);
        return new Result(cert, signer.getSignature(), signingTime, genTime);
    }

    private static void checkSigningCertificate(SignerInformation signer, X509Certificate cert, List<Check> out) {
        Attribute a = signer.getSignedAttributes() == null
                ? null
                : signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (a == null) {
            out.add(Check.fail(SUBJECT, "record.json.p7s lacks the signed attribute signingCertificateV2"));
            return;
        }
        try {
            SigningCertificateV2 scv2 =
                    SigningCertificateV2.getInstance(a.getAttrValues().getObjectAt(0));
            byte[] want = scv2.getCerts()[0].getCertHash();
            byte[] have = HashAlgorithm.SHA256.newDigest().digest(cert.getEncoded());
            if (!Arrays.equals(want, have)) {
                out.add(Check.fail(
                        SUBJECT,
                        "signingCertificateV2 names a certificate with SHA-256 "
                                + HexFormat.of().formatHex(want) + ", not the signer's"));
            }
        } catch (Exception e) {
            out.add(Check.fail(SUBJECT, "signingCertificateV2 is unreadable: " + e.getMessage()));
        }
    }

    private static void checkNamedSigner(JsonNode header, X509Certificate cert, List<Check> out) {
        if (header == null) {
            return;
        }
        String named = header.path("signer").path("certificateSha256").asText(null);
        String actual = ReportHeader.certificateSha256(cert);
        if (named == null) {
            out.add(Check.fail(SUBJECT, "record.json /report/signer is null, but the record is signed"));
        } else if (!named.equals(actual)) {
            out.add(Check.fail(
                    SUBJECT,
                    "record.json /report/signer/certificateSha256 is " + named
                            + ", but the signature is by the certificate " + actual));
        }
    }

    private static Instant signingTime(SignerInformation signer) {
        if (signer.getSignedAttributes() == null) {
            return null;
        }
        Attribute t = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        return t == null
                ? null
                : Time.getInstance(t.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    private static byte[] messageDigest(SignerInformation signer) {
        if (signer.getSignedAttributes() == null) {
            return null;
        }
        Attribute d = signer.getSignedAttributes().get(CMSAttributes.messageDigest);
        return d == null
                ? null
                : ASN1OctetString.getInstance(d.getAttrValues().getObjectAt(0)).getOctets();
    }
}

package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.timestamp.TimeStampTokens;
import dev.exhibit.report.sign.KeyDescriptions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks RFC 3161 time stamps: the token embedded in the signature (over the SHA-256 of the signature value) and the
 * sidecar response {@code record.json.p7s.tsr} (over the SHA-256 of the signature file).
 */
final class TimeStampChecks {
    static final String EMBEDDED = "signature time stamp";
    static final String SIDECAR = "record.json.p7s.tsr";

    private TimeStampChecks() {}

    /** Returns the token's time, or {@code null} when there is no valid token. */
    static Instant embedded(SignerInformation signer, JsonNode header, Trust trust, List<Check> out) {
        Attribute attr = signer.getUnsignedAttributes() == null
                ? null
                : signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        boolean promised = header != null && header.path("timeStamping").isObject();
        if (attr == null) {
            if (promised) {
                out.add(Check.fail(
                        EMBEDDED,
                        "record.json says it was time-stamped by "
                                + header.path("timeStamping").path("authority").asText()
                                + ", but record.json.p7s carries no time-stamp token"));
            } else {
                out.add(Check.warn(EMBEDDED, "none: the signing time is only what the signer's clock said"));
            }
            return null;
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(
                    ContentInfo.getInstance(attr.getAttrValues().getObjectAt(0)));
        } catch (Exception e) {
            out.add(Check.fail(EMBEDDED, "the token in record.json.p7s is unreadable: " + e.getMessage()));
            return null;
        }
        byte[] digest = HashAlgorithm.SHA256.newDigest().digest(signer.getSignature());
        return token(token, digest, "the signature value", EMBEDDED, trust, out);
    }

    static void sidecar(byte[] p7s, byte[] tsr, JsonNode header, Trust trust, List<Check> out) {
        boolean promised = header != null && header.path("timeStamping").isObject();
        if (tsr == null) {
            if (promised && p7s != null) {
                out.add(Check.fail(SIDECAR, "missing, though record.json says the report was time-stamped"));
            }
            return;
        }
        if (p7s == null) {
            out.add(Check.fail(SIDECAR, "present, but there is no record.json.p7s for it to cover"));
            return;
        }
        TimeStampToken token;
        try {
            TimeStampResponse resp = new TimeStampResponse(tsr);
            token = resp.getTimeStampToken();
            if (token == null) {
                out.add(Check.fail(SIDECAR, "the response holds no token (status " + resp.getStatus() + ")"));
                return;
            }
        } catch (Exception e) {
            out.add(Check.fail(SIDECAR, "not a readable RFC 3161 response: " + e.getMessage()));
            return;
        }
        token(token, HashAlgorithm.SHA256.newDigest().digest(p7s), "record.json.p7s", SIDECAR, trust, out);
    }

    private static Instant token(
            TimeStampToken token, byte[] digest, String over, String subject, Trust trust, List<Check> out) {
        var info = token.getTimeStampInfo();
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
            out.add(Check.fail(
                    subject, "the token's imprint uses " + info.getMessageImprintAlgOID() + ", not SHA-256"));
            return null;
        }
        if (!Arrays.equals(info.getMessageImprintDigest(), digest)) {
            out.add(Check.fail(
                    subject,
                    "the token covers " + HexFormat.of().formatHex(info.getMessageImprintDigest())
                            + ", but the SHA-256 of " + over + " is "
                            + HexFormat.of().formatHex(digest) + ": " + over
                            + " was changed after it was time-stamped"));
            return null;
        }
        X509Certificate tsa;
        try {
            tsa = TimeStampTokens.checkSignature(token, subject);
        } catch (ExhibitException e) {
            out.add(Check.fail(subject, e.getMessage()));
            return null;
        }
        Instant genTime = info.getGenTime().toInstant();
        boolean local = TimeStampTokens.isUntrustedLocal(token);
        String what = "covers the SHA-256 of " + over + "; time " + Times.utc(genTime) + " from \""
                + KeyDescriptions.name(tsa.getSubjectX500Principal()) + "\", policy " + info.getPolicy()
                + ", serial " + info.getSerialNumber();
        if (local) {
            out.add(Check.warn(
                    subject,
                    what + ". Made by Exhibit's local time-stamping authority: UNTRUSTED, it"
                            + " proves only what the holder of its key claims"));
        } else {
            out.add(Check.pass(subject, what));
        }
        trust.checkTsa(tsa, TimeStampTokens.carriedCertificates(token), genTime, local, out);
        return genTime;
    }
}

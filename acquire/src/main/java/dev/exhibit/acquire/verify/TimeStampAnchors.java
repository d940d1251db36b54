package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.log.LogTimeStamp;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Times;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.evidence.Anchor.Verdict;
import dev.exhibit.core.timestamp.CertificatePaths;
import dev.exhibit.core.timestamp.TimeStampTokens;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks every {@code timestamp} record of an acquisition log ({@link LogTimeStamp}): the line it covers still hashes
 * to the head it names with no break below it ({@link dev.exhibit.core.chain.ChainReport#breakWithin}), the token's
 * imprint is that head, the token is signed by a time-stamping certificate (and, with trust anchors, one that chains
 * to them), and whether it was made long after the line it covers.
 */
final class TimeStampAnchors {
    /** A stamp this much later than the line it covers proves only that the log existed then, not when it was written. */
    static final Duration LATE = Duration.ofMinutes(10);

    private TimeStampAnchors() {}

    static List<Anchor> check(AcquisitionLog log, List<X509Certificate> tsaAnchors) {
        List<Anchor> out = new ArrayList<>();
        for (ChainVerifier.Entry e : log.entries(LogTimeStamp.TYPE)) {
            out.add(one(e, log, tsaAnchors));
        }
        return out;
    }

    private static Anchor one(ChainVerifier.Entry stamp, AcquisitionLog log, List<X509Certificate> ta) {
        List<ChainVerifier.Entry> entries = log.entries();
        JsonNode r = stamp.record();
        String subject = AcquisitionLog.FILE_NAME + " line " + stamp.line() + " (time stamp)";
        long n = r.path("coversRecords").asLong(-1);
        String head = r.path("coversHeadHash").asText();
        if (n < 1 || n >= stamp.line()) {
            return differs(subject, stamp, "claims to cover " + n + " lines, which is not a prefix before it");
        }
        String actual = entries.get((int) n - 1).sha256();
        if (!actual.equals(head)) {
            return differs(
                    subject,
                    stamp,
                    "covers lines 1 to " + n + " with head " + head + ", but line " + n + " now hashes to " + actual
                            + ": the log was changed after it was time-stamped");
        }
        Optional<String> broken = log.chain().breakWithin(n);
        if (broken.isPresent()) {
            return differs(
                    subject,
                    stamp,
                    "covers lines 1 to " + n + " with head " + head + ", and line " + n + " still hashes to it, but "
                            + broken.get() + ": the lines before the break are not those time-stamped");
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(
                    Base64.getDecoder().decode(r.path("tokenBase64").asText())));
        } catch (Exception ex) {
            return differs(subject, stamp, "the token is unreadable: " + ex.getMessage());
        }
        var info = token.getTimeStampInfo();
        byte[] imprint = info.getMessageImprintDigest();
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())
                || !Arrays.equals(imprint, HexFormat.of().parseHex(head))) {
            return differs(
                    subject,
                    stamp,
                    "the token covers " + HexFormat.of().formatHex(imprint) + ", not the head " + head
                            + " the record names");
        }
        X509Certificate tsa;
        try {
            tsa = TimeStampTokens.checkSignature(token, subject);
        } catch (ExhibitException ex) {
            return differs(subject, stamp, ex.getMessage());
        }
        if (!TimeStampTokens.isTimeStampingCertificate(tsa)) {
            return differs(subject, stamp, "the token's certificate is not a time-stamping certificate");
        }
        Instant genTime = info.getGenTime().toInstant();
        StringBuilder detail = new StringBuilder("RFC 3161 token of " + Times.utc(genTime) + " from "
                + tsa.getSubjectX500Principal().getName() + " covers lines 1 to " + n + " (head " + head + ")");
        if (TimeStampTokens.isUntrustedLocal(token)) {
            detail.append("; made by Exhibit's local authority: UNTRUSTED, it proves only what its key holder claims");
        }
        if (ta.isEmpty()) {
            detail.append("; the authority's certificate was not checked against a trust anchor (pass --tsa-ca)");
        } else {
            CertificatePaths.Result path =
                    CertificatePaths.validate(tsa, TimeStampTokens.carriedCertificates(token), ta, genTime);
            if (!path.anchored()) {
                return differs(subject, stamp, "the time-stamping authority " + path.detail());
            }
            detail.append("; the authority ").append(path.detail());
        }
        Instant written = time(entries.get((int) n - 1).record());
        if (written != null && genTime.isAfter(written.plus(LATE))) {
            detail.append("; made ")
                    .append(Duration.between(written, genTime).toMinutes())
                    .append(" min after line ")
                    .append(n)
                    .append(" was written: it proves the log existed at ")
                    .append(Times.utc(genTime))
                    .append(", not earlier");
        }
        return new Anchor(subject, stamp.line(), Verdict.MATCH, detail.toString());
    }

    private static Anchor differs(String subject, ChainVerifier.Entry stamp, String detail) {
        return new Anchor(subject, stamp.line(), Verdict.DIFFERS, detail);
    }

    private static Instant time(JsonNode record) {
        try {
            return record == null ? null : Instant.parse(record.path("time").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

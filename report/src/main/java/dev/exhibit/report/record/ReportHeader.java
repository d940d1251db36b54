package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.sign.KeyDescriptions;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The {@code report} part of a record: what identifies this report and what a court expects stated in it (report id,
 * issue date, the tool build and command, the time zone convention, the statement that results relate only to the
 * items examined, a validation reference, the intended signer).
 */
public final class ReportHeader {
    public static final String RESULTS_STATEMENT = "The results relate only to the items examined.";
    public static final String TIME_NOTE = "Every time in this record is UTC, written in ISO 8601 with the zone"
            + " designator Z. Times entered with another offset are kept as entered beside their UTC form (atAsGiven),"
            + " and each command records the host's time zone (hostTimeZone).";
    public static final String NO_VALIDATION_REFERENCE = "not stated: name the validation report (for example a NIST"
            + " CFTT report or the laboratory's internal validation id) that covers this tool version";

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ReportHeader() {}

    /** A new report id: the UTC issue time and 32 random bits, e.g. {@code R-20261121T134012Z-1a2b3c4d}. */
    public static String newId(Instant issued) {
        byte[] r = new byte[4];
        new SecureRandom().nextBytes(r);
        return "R-" + ID_TIME.format(issued) + "-" + HexFormat.of().formatHex(r);
    }

    /**
     * @param signer the certificate the record will be signed with, or {@code null}
     * @param timeStampAuthority how the TSA is reached, or {@code null} for none
     */
    public static ObjectNode of(
            String id,
            Instant issued,
            Invocation invocation,
            String validationReference,
            X509Certificate signer,
            String timeStampAuthority,
            boolean untrustedAuthority) {
        ObjectNode n = Jcs.object();
        n.put("id", id);
        n.put("issued", Times.utc(issued));
        n.put("timeZone", "UTC");
        n.put("timeNote", TIME_NOTE);
        n.put("statement", RESULTS_STATEMENT);
        n.put(
                "validationReference",
                validationReference == null || validationReference.isBlank()
                        ? NO_VALIDATION_REFERENCE
                        : validationReference);
        ObjectNode tool = n.putObject("tool");
        tool.put("name", invocation.tool());
        tool.put("version", invocation.version());
        tool.put("commit", invocation.commit());
        tool.put("dirty", invocation.dirty());
        n.set("invocation", invocation.toJson());
        if (signer == null) {
            n.putNull("signer");
        } else {
            ObjectNode s = n.putObject("signer");
            s.put("subject", KeyDescriptions.name(signer.getSubjectX500Principal()));
            s.put("issuer", KeyDescriptions.name(signer.getIssuerX500Principal()));
            s.put("serialNumber", signer.getSerialNumber().toString(16));
            s.put("certificateSha256", certificateSha256(signer));
        }
        if (timeStampAuthority == null) {
            n.putNull("timeStamping");
        } else {
            ObjectNode t = n.putObject("timeStamping");
            t.put("authority", timeStampAuthority);
            t.put("untrusted", untrustedAuthority);
        }
        return n;
    }

    public static String certificateSha256(X509Certificate cert) {
        try {
            return Sha256.hex(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}

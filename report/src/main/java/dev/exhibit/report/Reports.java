package dev.exhibit.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.core.timestamp.TimeStampTokens;
import dev.exhibit.core.timestamp.TimeStamper;
import dev.exhibit.core.timestamp.TsaTransport;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.JsonFiles;
import dev.exhibit.report.custody.CustodyEventType;
import dev.exhibit.report.html.Hex;
import dev.exhibit.report.html.HtmlReport;
import dev.exhibit.report.html.HtmlText;
import dev.exhibit.report.html.ReportView;
import dev.exhibit.report.html.ReportViews;
import dev.exhibit.report.keys.KeyStoreFile;
import dev.exhibit.report.record.Findings;
import dev.exhibit.report.record.RecordBuilder;
import dev.exhibit.report.record.ReportHeader;
import dev.exhibit.report.sign.CmsSigner;
import dev.exhibit.report.sign.KeyDescriptions;
import dev.exhibit.report.verify.OpensslCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Issues a report for a case ({@code exhibit report build}): {@code CASE/reports/REPORT-ID/} with {@code record.json}
 * (RFC 8785), {@code record.json.p7s} (detached CMS, with an embedded RFC 3161 token when a TSA is given),
 * {@code record.json.p7s.tsr} (a second token over the signature file) and {@code report.html}; then records the
 * report in the custody log, so superseded reports stay on record too.
 *
 * <p>Everything is computed and signed in memory first (the TSA may be unreachable), and written only once complete.
 */
public final class Reports {
    public static final String RECORD = dev.exhibit.core.evidence.CaseLayout.RECORD;
    public static final String SIGNATURE = "record.json.p7s";
    public static final String SIDECAR = "record.json.p7s.tsr";
    public static final String HTML = "report.html";

    private Reports() {}

    /**
     * @param signer the examiner's key, or {@code null} for an unsigned report (which {@code report verify} fails)
     * @param tsa the time-stamping authority, or {@code null}; needs a signer
     * @param validationReference the validation report covering this tool version, or {@code null}
     * @param findings the examiner's findings, or {@code null} when none were entered
     */
    public record BuildOptions(
            Invocation invocation,
            KeyStoreFile.SigningKey signer,
            TsaTransport tsa,
            String validationReference,
            Findings findings) {
        public BuildOptions {
            if (tsa != null && signer == null) {
                throw new IllegalArgumentException("--tsa needs --sign: a time stamp covers the signature");
            }
        }

        public BuildOptions(
                Invocation invocation, KeyStoreFile.SigningKey signer, TsaTransport tsa, String validationReference) {
            this(invocation, signer, tsa, validationReference, null);
        }
    }

    /** What was written. */
    public record Built(String reportId, Path directory, String recordSha256, boolean signed, boolean timeStamped) {
        public Path html() {
            return directory.resolve(HTML);
        }
    }

    public static Built build(CaseDirectory c, BuildOptions options) throws IOException {
        RecordBuilder.Coverage coverage = RecordBuilder.Coverage.everything(c);
        RecordBuilder.requireIntactChains(c, coverage);
        Instant issued = Instant.now();
        String id = ReportHeader.newId(issued);
        ObjectNode record = RecordBuilder.body(c, coverage);
        TsaTransport tsa = options.tsa();
        record.set(
                "report",
                ReportHeader.of(
                        id,
                        issued,
                        options.invocation(),
                        options.validationReference(),
                        options.signer() == null ? null : options.signer().certificate(),
                        tsa == null ? null : tsa.describe(),
                        tsa != null && tsa.untrusted()));
        // Not derived from the case: like the header, only the signature vouches for it.
        record.set(
                "findings",
                options.findings() == null
                        ? Jcs.mapper().nullNode()
                        : options.findings().toJson());
        byte[] recordBytes = Jcs.canonicalBytes(record);
        String recordSha256 = Sha256.hex(recordBytes);

        byte[] p7s = null;
        byte[] tsr = null;
        ReportView.SignatureView signatureView = null;
        if (options.signer() != null) {
            TimeStamper stamper = tsa == null ? null : new TimeStamper(tsa);
            CmsSigner.Signature sig = CmsSigner.sign(recordBytes, options.signer(), stamper);
            p7s = sig.p7s();
            if (stamper != null) {
                tsr = stamper.stamp(HashAlgorithm.SHA256.newDigest().digest(p7s))
                        .responseDer();
            }
            signatureView = signatureView(options.signer(), sig, tsa);
        }
        String html = HtmlReport.render(
                ReportViews.of(record, recordSha256, signatureView, OpensslCommands.of(p7s, tsr != null)));

        Path dir = c.reportsDirectory().resolve(id);
        Files.createDirectories(c.reportsDirectory());
        Files.createDirectory(dir);
        JsonFiles.writeNew(dir.resolve(RECORD), recordBytes);
        if (p7s != null) {
            JsonFiles.writeNew(dir.resolve(SIGNATURE), p7s);
        }
        if (tsr != null) {
            JsonFiles.writeNew(dir.resolve(SIDECAR), tsr);
        }
        JsonFiles.writeNew(dir.resolve(HTML), html.getBytes(StandardCharsets.UTF_8));

        ObjectNode event = Jcs.object();
        event.put("reportId", id);
        event.put("directory", c.relative(dir));
        event.put("recordSha256", recordSha256);
        event.put("signed", p7s != null);
        event.put("timeStamped", tsr != null);
        event.put("at", Times.utc(issued));
        event.set("invocation", options.invocation().toJson());
        c.custody().append(CustodyEventType.REPORT, event);
        return new Built(id, dir, recordSha256, p7s != null, tsr != null);
    }

    private static ReportView.SignatureView signatureView(
            KeyStoreFile.SigningKey key, CmsSigner.Signature sig, TsaTransport tsa) {
        String genTime = sig.stamp() == null
                ? null
                : Times.utc(sig.stamp().token().getTimeStampInfo().getGenTime().toInstant()) + " (UTC)";
        return new ReportView.SignatureView(
                HtmlText.of(KeyDescriptions.name(key.certificate().getSubjectX500Principal())),
                new Hex(ReportHeader.certificateSha256(key.certificate())),
                KeyDescriptions.describe(key.certificate().getPublicKey()),
                genTime,
                HtmlText.of(tsa == null ? "" : tsa.describe()),
                sig.stamp() != null
                        && TimeStampTokens.isUntrustedLocal(sig.stamp().token()));
    }
}

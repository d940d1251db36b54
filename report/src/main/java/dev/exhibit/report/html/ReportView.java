package dev.exhibit.report.html;

import java.util.List;

/**
 * Everything {@code report.jte} draws, already reduced to display values. Built from {@code record.json} alone
 * ({@link ReportViews}), so the page is a rendering of the signed record and nothing else. Evidence-derived text is
 * {@link HtmlText}; other strings are still escaped by jte.
 */
public record ReportView(
        String reportId,
        String issued,
        Hex recordSha256,
        HtmlText caseNumber,
        HtmlText caseTitle,
        List<HtmlText> examiners,
        SignatureView signature,
        Verdict verdict,
        List<HtmlText> verdictLines,
        List<ItemView> items,
        CustodyView custody,
        List<CommandRow> commands,
        List<LogRow> logs,
        List<HtmlText> statements,
        String resultsStatement,
        HtmlText validationReference,
        String timeNote,
        HtmlText tool,
        List<String> verifyCommands) {

    /** The one-line answer at the top of the summary. */
    public enum Verdict {
        VERIFIED("verified", "Acquired completely and verified by re-reading; custody chain intact"),
        ATTENTION("attention", "Not everything is verified: see below"),
        MISMATCH("mismatch", "A re-read did NOT match the acquisition hash");

        private final String css;
        private final String headline;

        Verdict(String css, String headline) {
            this.css = css;
            this.headline = headline;
        }

        public String css() {
            return css;
        }

        public String headline() {
            return headline;
        }
    }

    /** Who signed the record, and when a time-stamping authority saw the signature; {@code null} when unsigned. */
    public record SignatureView(
            HtmlText subject,
            Hex certificateSha256,
            String algorithm,
            String timeStamp,
            HtmlText tsa,
            boolean untrustedTsa) {}

    public record Row(String label, HtmlText value) {}

    public record HashRow(String scope, String algorithm, Hex value, String computedAt, String verdict) {}

    public record SegmentRow(String index, HtmlText file, String byteOffset, String lengthBytes, Hex sha256) {}

    public record BadRangeRow(
            String firstSector,
            String sectorCount,
            String byteOffset,
            String lengthBytes,
            HtmlText error,
            HtmlText fill) {}

    public record ItemView(
            String id,
            HtmlText description,
            HtmlText device,
            HtmlText sourcePath,
            String bytes,
            String started,
            String ended,
            String status,
            String verification,
            String verificationCss,
            Hex sha256,
            long badSectorCount,
            List<Row> identity,
            List<Row> acquisition,
            List<HashRow> hashes,
            List<SegmentRow> segments,
            Bar badMap,
            List<BadRangeRow> badRanges,
            Bar partitionMap,
            List<PartitionRow> partitions,
            TreeView analysis,
            HtmlText analysisFile) {}

    /** One partition; {@code fsType} and {@code label} may be empty. */
    public record PartitionRow(
            String index,
            long startSector,
            long lengthSectors,
            boolean allocated,
            HtmlText description,
            HtmlText fsType,
            HtmlText label) {}

    public record EventRow(
            String seq,
            String at,
            HtmlText atAsGiven,
            String type,
            HtmlText item,
            HtmlText from,
            HtmlText to,
            HtmlText location,
            HtmlText purpose,
            HtmlText seal,
            HtmlText condition,
            HtmlText recordedBy,
            String recorded,
            HtmlText details) {}

    public record CustodyView(long events, Hex headHash, List<EventRow> rows) {}

    public record CommandRow(String time, HtmlText commandLine, HtmlText tool, HtmlText recordedIn) {}

    public record LogRow(HtmlText file, String kind, String records, Hex headHash) {}
}

package dev.exhibit.report.html;

import java.util.List;

/**
 * Everything {@code report.jte} draws, already reduced to display values. Built from {@code record.json} alone
 * ({@link ReportViews}), so the page is a rendering of the signed record and nothing else. Evidence-derived text is
 * {@link HtmlText}; other strings are still escaped by jte.
 *
 * @param signature {@code null} for an unsigned report, which the page marks as a draft on every printed page
 * @param findings the examiner's findings, or {@code null} when none were entered
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
        List<StatementGroup> statements,
        FindingsView findings,
        String resultsStatement,
        HtmlText validationReference,
        String timeNote,
        String unitsNote,
        HtmlText tool,
        List<String> verifyCommands) {

    /** An unsigned report is a draft: nothing vouches that it is what the examiner issued. */
    public boolean draft() {
        return signature == null;
    }

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

    public record Row(String label, HtmlText value) {
        static Row of(String label, String value) {
            return new Row(label, HtmlText.of(value));
        }
    }

    /** Hashes computed at one time over one thing: during acquisition, or by one re-read of the image or source. */
    public record HashGroup(String title, String computedAt, List<HashRow> rows) {}

    /**
     * @param verdict the record's verdict, {@code match}, {@code mismatch} or {@code not-checked} (a CSS class)
     * @param shown what it means for this row, in words
     */
    public record HashRow(String algorithm, Hex value, String verdict, String shown) {}

    /**
     * One image file: a split raw segment holds media bytes {@code byteOffset} on for {@code lengthBytes}; an E01
     * segment file is compressed, so it has only its own size, {@code fileBytes}, and the others are empty.
     */
    public record SegmentRow(
            String index, HtmlText file, String byteOffset, String lengthBytes, String fileBytes, Hex sha256) {
        public boolean container() {
            return !fileBytes.isEmpty();
        }
    }

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
            List<Row> writeBlock,
            List<Row> acquisition,
            List<Row> options,
            List<HashGroup> hashes,
            List<SegmentRow> segments,
            Bar badMap,
            List<BadRangeRow> badRanges,
            Bar partitionMap,
            AnalysisView analysis,
            KeptViews.KeptView kept) {}

    /** What {@code exhibit analyze} found in the image, as tables. */
    public record AnalysisView(
            HtmlText file,
            Hex sha256,
            HtmlText image,
            HtmlText volumeSystem,
            List<PartitionRow> partitions,
            List<FileSystemRow> fileSystems,
            List<HtmlText> notes,
            HtmlText commandLine,
            String analysedAt) {}

    /**
     * One partition; {@code fsType} and {@code label} may be empty; {@code identity} is what the partition table
     * records of it (GPT entry, name, type and GUID; MBR entry and type byte), empty for unallocated space.
     */
    public record PartitionRow(
            String index,
            String slot,
            long startSector,
            long lengthSectors,
            String size,
            boolean allocated,
            HtmlText description,
            HtmlText fsType,
            HtmlText label,
            HtmlText identity) {
        public long endSector() {
            return startSector + lengthSectors - 1;
        }
    }

    /**
     * One file system with its counts; {@code note} is empty unless something was not complete; {@code volumeId} is
     * its UUID or serial number as {@code UUID 4558...} or {@code serial 4750-0001}, empty when it has none.
     */
    public record FileSystemRow(
            String partition,
            HtmlText type,
            HtmlText label,
            String startSector,
            String size,
            String blockSize,
            String regularFiles,
            String directories,
            String deleted,
            String orphans,
            String note,
            String volumeId) {}

    /** One custody event; {@code line} is its line in custody.log.jsonl, counted from 1 (its {@code seq} plus 1). */
    public record EventRow(
            String line,
            String at,
            String atAsGiven,
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
            List<Detail> details) {}

    /** A fact an automatic custody event records (a file and its hash, a log head); {@code hash} may be null. */
    public record Detail(String label, HtmlText value, Hex hash) {}

    public record CustodyView(long events, Hex headHash, List<EventRow> rows) {}

    public record CommandRow(String time, HtmlText commandLine, HtmlText tool, HtmlText recordedIn) {}

    public record LogRow(HtmlText file, String kind, String records, Hex headHash) {}

    /** The numbered statements of fact about one item, or about the case as a whole ({@code item} empty). */
    public record StatementGroup(String title, List<HtmlText> facts) {}

    /**
     * The examiner's findings: paragraphs as written (split at blank lines), each a list of its lines.
     *
     * @param sha256 of the findings file as the examiner wrote it
     */
    public record FindingsView(HtmlText file, Hex sha256, List<List<HtmlText>> paragraphs) {}
}

package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.Reports;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.JsonFiles;
import dev.exhibit.report.record.RecordBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exhibit report verify}: checks a report directory in the order a court would, and lists each check:
 * canonical form of {@code record.json}; its CMS signature and certificate; both time stamps; the custody events in
 * the record; every chained log of the case against the heads in the record; the record's content against the case's
 * files; with {@code --evidence} the images themselves. Only reads.
 */
public final class ReportVerifier {
    private ReportVerifier() {}

    /**
     * @param caseDirectory the case the report belongs to, or {@code null} for the report directory's grandparent
     * @param evidence whether to re-read and re-hash the images
     */
    public record Options(Path reportDirectory, Path caseDirectory, Trust trust, boolean evidence) {}

    /**
     * Every check made, the openssl commands that repeat the signature checks, and what the checks could not
     * establish for want of a trust anchor the verifier supplied.
     *
     * @param notEstablished one sentence per fact that rests on a key nobody vouched for: who signed (no {@code --ca}),
     *     when (no {@code --tsa-ca}); empty when every signature and time stamp is anchored
     */
    public record Verification(List<Check> checks, List<String> opensslCommands, List<String> notEstablished) {
        public Verification(List<Check> checks, List<String> opensslCommands) {
            this(checks, opensslCommands, List.of());
        }

        public long failures() {
            return checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        }

        /** No check failed. */
        public boolean passed() {
            return failures() == 0;
        }

        /** No check failed, and the signer and every time stamp are anchored to what the verifier supplied. */
        public boolean established() {
            return passed() && notEstablished.isEmpty();
        }
    }

    public static Verification verify(Options o) throws IOException {
        Path dir = o.reportDirectory();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        List<Check> out = new ArrayList<>();
        Path recordFile = dir.resolve(Reports.RECORD);
        if (!Files.isRegularFile(recordFile)) {
            out.add(Check.fail(Reports.RECORD, "missing from " + dir));
            return new Verification(out, OpensslCommands.of(null, false));
        }
        byte[] record = JsonFiles.readBounded(recordFile);
        byte[] p7s = readIfPresent(dir.resolve(Reports.SIGNATURE));
        byte[] tsr = readIfPresent(dir.resolve(Reports.SIDECAR));
        JsonNode parsed = canonical(record, out);
        if (parsed != null && !RecordBuilder.FORMAT.equals(parsed.path("format").asText())) {
            out.add(Check.fail(
                    Reports.RECORD,
                    "/format is \"" + parsed.path("format").asText() + "\", expected " + RecordBuilder.FORMAT));
        }
        JsonNode header = parsed == null ? null : parsed.path("report");
        SignatureChecks.check(record, p7s, header, o.trust(), out);
        TimeStampChecks.sidecar(p7s, tsr, header, o.trust(), out);
        if (parsed != null) {
            LogChecks.embeddedCustody(parsed, out);
            AnchorChecks.embedded(parsed, out);
            Path caseRoot = o.caseDirectory() != null
                    ? o.caseDirectory()
                    : dir.toAbsolutePath().normalize().getParent().getParent();
            if (caseRoot == null || !Files.isRegularFile(caseRoot.resolve(CaseDirectory.CASE_FILE))) {
                out.add(Check.fail(
                        "case directory",
                        "not found at " + caseRoot + ": the chained logs and the"
                                + " record's content cannot be checked (pass --case DIR)"));
            } else {
                CaseDirectory c = CaseDirectory.open(caseRoot);
                LogChecks.check(caseRoot, parsed, out);
                AnchorChecks.caseFiles(caseRoot, dir, out);
                ContentChecks.check(c, parsed, out);
                if (o.evidence()) {
                    EvidenceRehash.check(c, parsed, out);
                } else {
                    out.add(Check.info("evidence", "images not re-read (add --evidence to re-hash them)"));
                }
            }
            htmlMentionsRecord(dir, record, out);
        }
        return new Verification(out, OpensslCommands.of(p7s, tsr != null), notEstablished(header, p7s, o.trust()));
    }

    /** What a valid signature and time stamp do not show without anchors the verifier supplied. */
    private static List<String> notEstablished(JsonNode header, byte[] p7s, Trust trust) {
        List<String> out = new ArrayList<>();
        if (p7s != null && trust.signerAnchors().isEmpty()) {
            JsonNode signer = header == null ? null : header.path("signer");
            out.add("who signed it: the signature is valid for the certificate with SHA-256 "
                    + (signer == null
                            ? "(unknown)"
                            : signer.path("certificateSha256").asText("(unknown)"))
                    + (signer == null ? "" : " (" + signer.path("subject").asText() + ")")
                    + ", but no trust anchor for signers was given (--ca FILE.pem, the examiner's certificate or"
                    + " their CA, obtained from the examiner, not from this report): a record re-signed with a"
                    + " look-alike key would pass every other check");
        }
        if (header != null
                && header.path("timeStamping").isObject()
                && trust.tsaAnchors().isEmpty()) {
            out.add("when it was signed: the time stamps are valid for the authority's own certificate, but no trust"
                    + " anchor for time-stamping authorities was given (--tsa-ca FILE.pem)");
        }
        return out;
    }

    private static JsonNode canonical(byte[] record, List<Check> out) {
        JsonNode parsed;
        try {
            parsed = Jcs.mapper().readTree(record);
        } catch (IOException e) {
            out.add(Check.fail(
                    Reports.RECORD,
                    "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
            return null;
        }
        if (parsed == null || !parsed.isObject()) {
            out.add(Check.fail(Reports.RECORD, "not a JSON object"));
            return null;
        }
        byte[] again;
        try {
            again = Jcs.canonicalBytes(parsed);
        } catch (IllegalArgumentException e) {
            out.add(Check.fail(Reports.RECORD, "cannot be canonicalised: " + e.getMessage()));
            return parsed;
        }
        int at = firstDifference(record, again);
        if (at >= 0) {
            out.add(Check.fail(
                    Reports.RECORD,
                    "not in RFC 8785 canonical form: first difference at byte offset " + at
                            + " (the file was re-serialised or edited)"));
        } else {
            out.add(Check.pass(Reports.RECORD, "RFC 8785 canonical JSON, " + record.length + " bytes"));
        }
        return parsed;
    }

    private static void htmlMentionsRecord(Path dir, byte[] record, List<Check> out) throws IOException {
        Path html = dir.resolve(Reports.HTML);
        if (!Files.isRegularFile(html)) {
            out.add(Check.warn(Reports.HTML, "missing (the record is the report; the page only renders it)"));
            return;
        }
        String sha = dev.exhibit.core.digest.Sha256.hex(record);
        String text = new String(JsonFiles.readBounded(html), StandardCharsets.UTF_8);
        if (text.contains("<meta name=\"exhibit-record-sha256\" content=\"" + sha + "\">")) {
            out.add(Check.pass(Reports.HTML, "renders this record (its SHA-256 is in the page)"));
        } else {
            out.add(Check.warn(
                    Reports.HTML,
                    "does not name this record's SHA-256 " + sha + ": the page is not a"
                            + " rendering of this record.json (it is not signed; trust the record)"));
        }
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? JsonFiles.readBounded(file) : null;
    }
}

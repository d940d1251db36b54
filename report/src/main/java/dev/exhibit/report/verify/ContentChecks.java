package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.JsonFiles;
import dev.exhibit.report.record.RecordBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Derives the record again from the case directory (the same log prefixes, the same case file and analysis
 * summaries) and names every JSON pointer where {@code record.json} says something else, with the file the fact
 * comes from. A signature only proves the record unchanged since signing; this proves it says what the case's own
 * chained files say.
 */
final class ContentChecks {
    /** Differences listed before the rest are summarised: one edit can move many derived values. */
    static final int MAX_DIFFERENCES = 20;

    /** Values in messages are cut to this many characters; evidence strings can be kilobytes long. */
    static final int MAX_VALUE_CHARS = 120;

    /** Members of the record that the case's files do not give: the report header and the examiner's findings. */
    static final List<String> NOT_DERIVED = List.of("report", "findings");

    private ContentChecks() {}

    static void check(CaseDirectory c, JsonNode record, List<Check> out) throws IOException {
        String subject = "record.json content";
        JsonNode derived;
        try {
            ObjectNode body = RecordBuilder.body(c, RecordBuilder.coverageOf(record));
            derived = Jcs.mapper().readTree(Jcs.canonicalBytes(body));
        } catch (RuntimeException e) {
            out.add(Check.fail(subject, "cannot be derived from the case directory: " + e.getMessage()));
            return;
        }
        ObjectNode actual = record.deepCopy();
        // Neither the header nor the examiner's findings can be derived from the case; the signature covers them.
        actual.remove(NOT_DERIVED);
        List<JsonDiff.Difference> diffs = JsonDiff.of(derived, actual, "", MAX_DIFFERENCES + 1);
        for (JsonDiff.Difference d : diffs.subList(0, Math.min(diffs.size(), MAX_DIFFERENCES))) {
            out.add(Check.fail(
                    subject,
                    "record.json " + d.pointer() + " is " + shown(d.actual()) + ", but " + source(d.pointer(), record)
                            + " gives " + shown(d.expected())));
        }
        if (diffs.size() > MAX_DIFFERENCES) {
            out.add(Check.fail(subject, "more differences follow; the first " + MAX_DIFFERENCES + " are listed"));
        }
        if (diffs.isEmpty()) {
            out.add(Check.pass(
                    subject,
                    "every case, custody, evidence and analysis fact in record.json is what the"
                            + " case directory's files say"));
        }
        checkCaseFileAnchor(c, record, out);
        out.add(findings(record));
    }

    /**
     * The findings are the examiner's own words, not derivable from the case: said so, rather than passed silently.
     * Their SHA-256 must still be that of their text, since the examiner compares it with their own file.
     */
    static Check findings(JsonNode record) {
        JsonNode f = record.path("findings");
        if (!f.isObject()) {
            return Check.info("findings", "none entered");
        }
        String sha256 = Sha256.hex(f.path("text").asText("").getBytes(StandardCharsets.UTF_8));
        if (!sha256.equals(f.path("sha256").asText())) {
            return Check.fail(
                    "findings",
                    "record.json /findings/sha256 is " + shown(f.path("sha256")) + ", but its text hashes to "
                            + sha256);
        }
        return Check.info(
                "findings",
                "entered by the examiner from " + f.path("file").asText() + " (SHA-256 " + sha256
                        + "); not derived from the case, so only the signature vouches for them");
    }

    /** case.json's hash must also be the one the custody log's first event recorded when the case was opened. */
    private static void checkCaseFileAnchor(CaseDirectory c, JsonNode record, List<Check> out) throws IOException {
        JsonNode first = record.path("custody").path("events").path(0);
        String anchored = first.path("caseFileSha256").asText(null);
        String actual = Sha256.hex(JsonFiles.readBounded(c.caseFile()));
        if (anchored == null) {
            out.add(Check.fail("case.json", "the first custody event does not record the case file's SHA-256"));
        } else if (!anchored.equals(actual)) {
            out.add(Check.fail(
                    "case.json",
                    "SHA-256 is " + actual + ", but the case-open event (custody.log.jsonl" + " line 1) recorded "
                            + anchored + ": case.json was changed"));
        } else {
            out.add(Check.pass("case.json", "unchanged since the case was opened (SHA-256 " + actual + ")"));
        }
    }

    /** The file a pointer's value is derived from. */
    static String source(String pointer, JsonNode record) {
        String[] p = pointer.split("/");
        if (p.length > 1) {
            switch (p[1]) {
                case "case", "examiners" -> {
                    return "case.json";
                }
                case "custody" -> {
                    return record.path("custody").path("log").path("file").asText("custody.log.jsonl");
                }
                case "evidence" -> {
                    if (p.length > 2 && p[2].matches("\\d{1,9}")) {
                        JsonNode item = record.path("evidence").path(Integer.parseInt(p[2]));
                        if (p.length > 3 && p[3].equals("analysis")) {
                            return item.path("analysis").path("file").asText("analysis.json");
                        }
                        if (p.length > 3 && p[3].equals("analysisFiles")) {
                            return p.length > 4 && p[4].matches("\\d{1,9}")
                                    ? item.path("analysisFiles")
                                            .path(Integer.parseInt(p[4]))
                                            .path("file")
                                            .asText()
                                    : item.path("directory").asText() + "/" + CaseLayout.ANALYSIS + "/"
                                            + CaseLayout.ANALYSIS_MANIFEST;
                        }
                        if (p.length > 3 && p[3].equals("hashSets")) {
                            return item.path("directory").asText() + "/" + CaseLayout.ANALYSIS + "/"
                                    + CaseLayout.ANALYSIS_HASHSETS;
                        }
                        return item.path("log").path("file").asText("the item's acquisition log");
                    }
                    return "the evidence directory";
                }
                default -> {}
            }
        }
        return "the case directory";
    }

    private static String shown(JsonNode n) {
        if (n == null) {
            return "absent";
        }
        String s = n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }
}

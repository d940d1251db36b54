package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.evidence.CustodyAnchors;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.JsonFiles;
import dev.exhibit.report.custody.CustodyLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the body of {@code record.json} from a case directory: the case, its examiners, every custody event, every
 * evidence item with its acquisition facts, hashes and analysis summary, the head hash of every chained log it
 * covers, the command lines used and factual statements. Everything but the {@code report} header is derived from
 * files of the case alone, so {@code report verify} can derive it again from the same log prefixes and name any
 * place where the record and the case disagree.
 */
public final class RecordBuilder {
    /** The value of {@code format} in {@code record.json}. */
    public static final String FORMAT = "exhibit-record/1";

    private RecordBuilder() {}

    /**
     * What a record covers: how many records of each chained log (by path relative to the case root), which evidence
     * items, and which of each item's kept analysis files. {@link #everything} covers what the case holds now.
     *
     * @param analysisFiles per item id, the names of the analysis files covered (an analysis kept after the record was
     *     built is not); {@code null} for every file; an item without an entry has a record of a build that did not
     *     carry analysis files
     */
    public record Coverage(Map<String, Long> logRecords, List<String> items, Map<String, List<String>> analysisFiles) {
        public static Coverage everything(CaseDirectory c) throws IOException {
            return new Coverage(Map.of(), c.evidenceIds(), null);
        }

        long recordsOf(String file) {
            return logRecords.getOrDefault(file, Long.MAX_VALUE);
        }

        boolean carriesAnalysisFiles(String id) {
            return analysisFiles == null || analysisFiles.containsKey(id);
        }

        List<String> analysisFilesOf(String id) {
            return analysisFiles == null ? null : analysisFiles.get(id);
        }
    }

    /**
     * Refuses to build over damage: every chained log the record would cover must be intact, since a signed record
     * must not quote the head of a broken chain; and every anchor the custody log holds for the covered items and
     * earlier reports must still match, since a record built over a rewritten acquisition log would sign the rewrite.
     */
    public static void requireIntactChains(CaseDirectory c, Coverage coverage) throws IOException {
        requireChains(c, coverage);
        for (String id : coverage.items()) {
            List<String> changed = KeptAnalyses.changed(c, c.existingEvidenceDirectory(id));
            if (!changed.isEmpty()) {
                throw ExhibitException.evidence("cannot build a report: " + changed.getFirst()
                        + (changed.size() > 1 ? " (and " + (changed.size() - 1) + " more)" : ""));
            }
        }
        for (Anchor a : CustodyAnchors.all(c.root())) {
            if (a.differs()) {
                throw ExhibitException.evidence("cannot build a report: " + a);
            }
        }
    }

    private static void requireChains(CaseDirectory c, Coverage coverage) throws IOException {
        CustodyLog.Listing custody = c.custody().read();
        if (!custody.chain().intact()) {
            throw ExhibitException.evidence(
                    "cannot build a report: " + c.relative(c.custody().file()) + " "
                            + custody.chain().problems().getFirst() + "; "
                            + ChainReport.remedy(c.custody().file()));
        }
        for (String id : coverage.items()) {
            Path log = c.existingEvidenceDirectory(id).resolve(AcquisitionLog.FILE_NAME);
            if (Files.isRegularFile(log)) {
                AcquisitionLog l = AcquisitionLog.read(log);
                if (!l.chain().intact()) {
                    throw ExhibitException.evidence("cannot build a report: " + c.relative(log) + " "
                            + l.chain().problems().getFirst() + "; " + ChainReport.remedy(log));
                }
            }
        }
    }

    /** The record without its {@code report} header. */
    public static ObjectNode body(CaseDirectory c, Coverage coverage) throws IOException {
        ObjectNode record = Jcs.object();
        record.put("format", FORMAT);

        byte[] caseBytes = JsonFiles.readBounded(c.caseFile());
        ObjectNode caseNode = record.putObject("case");
        caseNode.put("file", CaseDirectory.CASE_FILE);
        caseNode.put("sha256", Sha256.hex(caseBytes));
        caseNode.set("content", c.caseJson().deepCopy());
        record.set("examiners", c.caseJson().path("examiners").deepCopy());

        ArrayNode logs = record.putArray("logs");
        String custodyPath = c.relative(c.custody().file());
        CustodyLog.Listing custody = c.custody().read();
        long covered =
                Math.min(coverage.recordsOf(custodyPath), custody.entries().size());
        ObjectNode custodyNode = record.putObject("custody");
        ArrayNode events = custodyNode.putArray("events");
        String head = null;
        for (CustodyLog.Entry e : custody.entries().subList(0, (int) covered)) {
            events.add(e.record() == null ? Jcs.mapper().nullNode() : e.record().deepCopy());
            head = e.lineHash();
        }
        ObjectNode custodyLog = logEntry(custodyPath, "custody", covered, head);
        custodyNode.set("log", custodyLog.deepCopy());
        logs.add(custodyLog);

        ArrayNode evidence = record.putArray("evidence");
        for (String id : coverage.items()) {
            Path dir = c.existingEvidenceDirectory(id);
            Path logFile = dir.resolve(AcquisitionLog.FILE_NAME);
            String logPath = c.relative(logFile);
            AcquisitionLog log =
                    Files.isRegularFile(logFile) ? AcquisitionLog.read(logFile, coverage.recordsOf(logPath)) : null;
            AnalysisFile analysis = AnalysisFile.readIfPresent(
                    dir.resolve(AnalysisFile.FILE_NAME), c.relative(dir.resolve(AnalysisFile.FILE_NAME)));
            ObjectNode item = EvidenceItems.derive(id, c.relative(dir), log, logPath, analysis);
            if (coverage.carriesAnalysisFiles(id)) {
                KeptAnalyses.addTo(item, c, dir, coverage.analysisFilesOf(id));
            }
            evidence.add(item);
            if (log != null) {
                logs.add(logEntry(logPath, "acquisition", log.records(), log.headHash()));
            }
        }
        record.set("commandLines", CommandLines.collect(events, evidence, c));
        record.set("statements", Statements.of(record));
        return record;
    }

    private static ObjectNode logEntry(String file, String kind, long records, String headHash) {
        ObjectNode n = Jcs.object();
        n.put("file", file);
        n.put("kind", kind);
        n.put("records", records);
        n.put("headHash", headHash);
        return n;
    }

    /** The coverage a finished record states: its log record counts and its item ids. */
    public static Coverage coverageOf(JsonNode record) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (JsonNode l : record.path("logs")) {
            counts.put(l.path("file").asText(), l.path("records").asLong());
        }
        List<String> items = new ArrayList<>();
        Map<String, List<String>> analysisFiles = new java.util.HashMap<>();
        for (JsonNode e : record.path("evidence")) {
            items.add(e.path("id").asText());
            if (e.has("analysisFiles")) {
                List<String> names = new ArrayList<>();
                e.path("analysisFiles")
                        .forEach(f -> names.add(
                                Path.of(f.path("file").asText()).getFileName().toString()));
                analysisFiles.put(e.path("id").asText(), names);
            }
        }
        return new Coverage(counts, items, analysisFiles);
    }
}

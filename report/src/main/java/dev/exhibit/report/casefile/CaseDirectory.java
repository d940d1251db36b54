package dev.exhibit.report.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.custody.CustodyEventType;
import dev.exhibit.report.custody.CustodyLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A case on disk (docs/case.md):
 *
 * <pre>
 * CASE/case.json            the case (canonical JSON, written once)
 * CASE/custody.log.jsonl    the chain-of-custody log (hash-chained, append-only)
 * CASE/evidence/ID/         one directory per item: image, acquisition.log.jsonl, analysis.json
 * CASE/reports/REPORT-ID/   one directory per issued report: record.json, record.json.p7s, report.html
 * </pre>
 */
public final class CaseDirectory {
    public static final String CASE_FILE = CaseLayout.CASE_FILE;
    public static final String EVIDENCE = CaseLayout.EVIDENCE;
    public static final String REPORTS = CaseLayout.REPORTS;

    private final Path root;
    private final CaseInfo info;
    private final JsonNode caseJson;

    private CaseDirectory(Path root, CaseInfo info, JsonNode caseJson) {
        this.root = root;
        this.info = info;
        this.caseJson = caseJson;
    }

    /**
     * Creates a case in {@code dir}, which must not exist or be empty: a case is never written over another. The
     * custody log's first record ({@code case-open}) carries the SHA-256 of {@code case.json}, so the case file is
     * covered by the chain like every event after it.
     */
    public static CaseDirectory init(Path dir, CaseInfo info, Invocation invocation) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw ExhibitException.usage(dir + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw ExhibitException.usage(
                            "case directory " + dir + " is not empty; a case is never created over existing files");
                }
            }
        }
        Files.createDirectories(dir);
        Files.createDirectory(dir.resolve(EVIDENCE));
        Files.createDirectory(dir.resolve(REPORTS));
        ObjectNode json = info.toJson();
        json.put("created", Times.utc(invocation.started()));
        json.set("createdBy", invocation.toJson());
        byte[] bytes = JsonFiles.writeCanonical(dir.resolve(CASE_FILE), json);

        ObjectNode open = Jcs.object();
        open.put("caseFile", CASE_FILE);
        open.put("caseFileSha256", Sha256.hex(bytes));
        open.put("caseNumber", info.caseNumber());
        open.put("at", Times.utc(invocation.started()));
        open.set("invocation", invocation.toJson());
        CustodyLog.createWith(dir.resolve(CustodyLog.FILE_NAME), CustodyEventType.CASE_OPEN, open);
        return new CaseDirectory(dir, info, json);
    }

    /** Opens an existing case; fails naming what is missing when {@code dir} is not one. */
    public static CaseDirectory open(Path dir) throws IOException {
        Path caseFile = dir.resolve(CASE_FILE);
        if (!Files.isRegularFile(caseFile)) {
            throw ExhibitException.usage(dir + " is not a case directory: " + caseFile
                    + " is missing (create one with 'exhibit case init')");
        }
        if (!Files.isRegularFile(dir.resolve(CustodyLog.FILE_NAME))) {
            throw ExhibitException.evidence(dir + ": " + CustodyLog.FILE_NAME + " is missing from the case");
        }
        JsonNode json = JsonFiles.readObject(caseFile);
        return new CaseDirectory(dir, CaseInfo.fromJson(json, caseFile.toString()), json);
    }

    public Path root() {
        return root;
    }

    public CaseInfo info() {
        return info;
    }

    /** The parsed {@code case.json}, everything it holds. */
    public JsonNode caseJson() {
        return caseJson;
    }

    public Path caseFile() {
        return root.resolve(CASE_FILE);
    }

    public CustodyLog custody() {
        return new CustodyLog(root.resolve(CustodyLog.FILE_NAME));
    }

    public Path reportsDirectory() {
        return root.resolve(REPORTS);
    }

    /**
     * The directory an acquisition of item {@code id} writes into, created when missing. An existing non-empty
     * directory is refused: evidence already acquired is never overwritten or mixed with a second acquisition.
     */
    public Path evidenceDirectory(String id) throws IOException {
        Path dir = existingEvidenceDirectory(id);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw ExhibitException.usage("evidence directory " + dir + " is not empty: item " + id
                            + " was already acquired into this case");
                }
            }
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /** Where item {@code id} lives, whether or not it exists yet. */
    public Path existingEvidenceDirectory(String id) {
        return root.resolve(EVIDENCE).resolve(EvidenceIds.check(id));
    }

    /** The ids of every evidence directory, sorted. */
    public List<String> evidenceIds() throws IOException {
        List<String> ids = new ArrayList<>();
        Path dir = root.resolve(EVIDENCE);
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : s) {
                ids.add(p.getFileName().toString());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** A path relative to the case root with '/' separators, as records name files. */
    public String relative(Path file) {
        Path rel = root.toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * Records in the custody log that item {@code id} was acquired into this case: an {@code acquire} event naming
     * the acquisition log, its record count and its head hash, so the log is bound into the custody chain as it
     * stood when the acquisition finished. The acquisition log's chain must be intact.
     */
    public CustodyLog.Appended recordAcquisition(String id, Path acquisitionLog, Invocation invocation)
            throws IOException {
        Path expected = existingEvidenceDirectory(id).resolve(AcquisitionLog.FILE_NAME);
        if (!acquisitionLog
                .toAbsolutePath()
                .normalize()
                .equals(expected.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(
                    "acquisition log " + acquisitionLog + " is not the log of item " + id + " (" + expected + ")");
        }
        AcquisitionLog log = AcquisitionLog.read(acquisitionLog);
        if (!log.chain().intact()) {
            throw ExhibitException.evidence("cannot record acquisition of " + id + ": " + acquisitionLog + " "
                    + log.chain().problems().getFirst());
        }
        ObjectNode body = Jcs.object();
        body.put("item", id);
        body.put("log", relative(acquisitionLog));
        body.put("logRecords", log.records());
        body.put("logHeadHash", log.headHash());
        body.put("status", log.status());
        JsonNode end = log.last("end").orElse(null);
        body.set("hashes", end == null ? null : end.get("hashes"));
        body.set("bytesAcquired", end == null ? null : end.get("bytesAcquired"));
        body.put(
                "at",
                end != null && end.hasNonNull("ended") ? end.get("ended").asText() : Times.utc(invocation.started()));
        body.set("invocation", invocation.toJson());
        return custody().append(CustodyEventType.ACQUIRE, body);
    }
}

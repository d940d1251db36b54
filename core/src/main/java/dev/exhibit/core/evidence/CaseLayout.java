package dev.exhibit.core.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The names of a case directory (docs/case.md), shared by the report stage that writes cases and by every stage that
 * checks what a case anchors ({@link CustodyAnchors}).
 */
public final class CaseLayout {
    public static final String CASE_FILE = "case.json";
    public static final String CUSTODY_LOG = "custody.log.jsonl";
    public static final String EVIDENCE = "evidence";
    public static final String REPORTS = "reports";
    public static final String RECORD = "record.json";

    /** An item's kept analyses, {@code evidence/ID/analysis/}, and the files in it. */
    public static final String ANALYSIS = "analysis";

    public static final String ANALYSIS_FILES = "files.jsonl";
    public static final String ANALYSIS_TIMELINE = "timeline.jsonl";
    public static final String ANALYSIS_HASHSETS = "hashsets.json";
    public static final String ANALYSIS_MANIFEST = "manifest.json";

    private CaseLayout() {}

    /**
     * Whether {@code dir} is a case: it holds a case file. (A case whose custody log is missing is still a case, and a
     * damaged one: every check of its anchors says so.)
     */
    public static boolean isCase(Path dir) {
        return Files.isRegularFile(dir.resolve(CASE_FILE));
    }

    /**
     * The case that {@code itemDir} belongs to, when it is {@code CASE/evidence/ID}: an acquisition inside a case is
     * anchored by that case's custody log, wherever it is verified from.
     */
    public static Optional<Path> caseOf(Path itemDir) {
        Path dir = itemDir.toAbsolutePath().normalize();
        Path evidence = dir.getParent();
        if (evidence == null
                || evidence.getFileName() == null
                || !EVIDENCE.equals(evidence.getFileName().toString())) {
            return Optional.empty();
        }
        Path root = evidence.getParent();
        return root != null && isCase(root) ? Optional.of(root) : Optional.empty();
    }
}

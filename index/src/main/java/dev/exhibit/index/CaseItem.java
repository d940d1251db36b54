package dev.exhibit.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.CaseLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One evidence item of a case ({@code CASE/evidence/ID/}) and the analysis files the index reads from it
 * ({@code analysis/files.jsonl}, {@code analysis/timeline.jsonl}, {@code analysis/hashsets.json}), named relative to
 * the case so that a database row says where it came from on any machine that mounts the case.
 */
record CaseItem(String id, Path dir) {
    static final String ANALYSIS = "analysis";
    static final String FILES = "files.jsonl";
    static final String TIMELINE = "timeline.jsonl";
    static final String HASHSETS = "hashsets.json";

    /** The kinds of source file, in the order their keys are numbered in the database. */
    enum Source {
        FILES(1, ANALYSIS + "/" + CaseItem.FILES),
        TIMELINE(2, ANALYSIS + "/" + CaseItem.TIMELINE),
        HASHSETS(3, ANALYSIS + "/" + CaseItem.HASHSETS),
        ACQUISITION_LOG(4, AcquisitionLog.FILE_NAME),
        SUMMARY(5, "analysis.json");

        final int key;
        final String relative;

        Source(int key, String relative) {
            this.key = key;
            this.relative = relative;
        }
    }

    /** Every item directory of the case, by id. */
    static List<CaseItem> all(Path caseDir) throws IOException {
        Path evidence = caseDir.resolve(CaseLayout.EVIDENCE);
        List<CaseItem> out = new ArrayList<>();
        if (!Files.isDirectory(evidence)) {
            return out;
        }
        try (Stream<Path> s = Files.list(evidence)) {
            s.filter(Files::isDirectory)
                    .sorted()
                    .forEach(d -> out.add(new CaseItem(d.getFileName().toString(), d)));
        }
        return out;
    }

    Path file(Source source) {
        return dir.resolve(source.relative);
    }

    /** The path relative to the case directory, as rows name it: {@code evidence/ID/analysis/files.jsonl}. */
    String relative(Source source) {
        return CaseLayout.EVIDENCE + "/" + id + "/" + source.relative;
    }

    /** Whether the item has anything to index: a listing or a timeline. */
    boolean analysed() {
        return Files.isRegularFile(file(Source.FILES)) || Files.isRegularFile(file(Source.TIMELINE));
    }

    /**
     * The image's identity from the acquisition log, when the item has one: what was acquired ({@code source.path}),
     * its size and the digests of the {@code end} record.
     */
    Optional<Identity> identity() throws IOException {
        Path log = file(Source.ACQUISITION_LOG);
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        AcquisitionLog read = AcquisitionLog.read(log);
        JsonNode source = read.first("source").orElse(null);
        JsonNode end = read.last("end").orElse(null);
        JsonNode hashes = end == null ? null : end.path("hashes");
        return Optional.of(new Identity(
                source == null ? null : text(source.path("path")),
                end == null || !end.path("bytesAcquired").canConvertToLong()
                        ? null
                        : end.path("bytesAcquired").longValue(),
                hashes == null ? null : text(hashes.path("md5")),
                hashes == null ? null : text(hashes.path("sha1")),
                hashes == null ? null : text(hashes.path("sha256"))));
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : null;
    }

    /** What the acquisition log says of the image; any member may be {@code null} (an incomplete acquisition). */
    record Identity(String image, Long sizeBytes, String md5, String sha1, String sha256) {}
}

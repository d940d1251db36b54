package dev.exhibit.report.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.LogLock;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.custody.CustodyLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the analyses of one evidence item are kept ({@code CASE/evidence/ID/analysis/}, docs/case.md): the listing,
 * the timeline, the hash sets used, and {@code manifest.json}, which names each file with its SHA-256, its size and
 * the command that made it. Files appear whole or not at all (written beside, then linked into place), and none is
 * ever replaced: a signed report quotes their SHA-256.
 */
public final class AnalysisDirectory {
    public static final String DIRECTORY = CaseLayout.ANALYSIS;
    public static final String FILES = CaseLayout.ANALYSIS_FILES;
    public static final String TIMELINE = CaseLayout.ANALYSIS_TIMELINE;
    public static final String HASHSETS = CaseLayout.ANALYSIS_HASHSETS;
    public static final String MANIFEST = CaseLayout.ANALYSIS_MANIFEST;
    static final String MANIFEST_FORMAT = "exhibit-analysis-manifest/1";

    private final CaseDirectory theCase;
    private final String id;
    private final Path item;

    private AnalysisDirectory(CaseDirectory theCase, String id, Path item) {
        this.theCase = theCase;
        this.id = id;
        this.item = item;
    }

    /**
     * The analysis directory of item {@code id} of the case at {@code caseDir}, for writing: the item must have been
     * acquired into the case, and the custody log must be intact (or continued), since a result kept in a case whose
     * chain is broken would be reported under a record that cannot be built.
     */
    public static AnalysisDirectory forWriting(Path caseDir, String id) throws IOException {
        CaseDirectory c = CaseDirectory.open(caseDir);
        try {
            EvidenceIds.check(id);
        } catch (IllegalArgumentException e) {
            throw ExhibitException.usage("--id: " + e.getMessage());
        }
        Path item = c.existingEvidenceDirectory(id);
        if (!Files.isDirectory(item)) {
            throw ExhibitException.usage("case " + caseDir + " has no item " + id + " (" + item + " is missing;"
                    + " items: " + (c.evidenceIds().isEmpty() ? "none" : String.join(", ", c.evidenceIds()))
                    + "): acquire it first with exhibit acquire SOURCE --case " + caseDir + " --id " + id);
        }
        CustodyLog.Listing custody = c.custody().read();
        if (!custody.chain().intact()) {
            throw ExhibitException.evidence("cannot keep the analysis in case " + caseDir + ": "
                    + c.relative(c.custody().file()) + " "
                    + custody.chain().problems().getFirst() + "; "
                    + ChainReport.remedy(c.custody().file()));
        }
        return new AnalysisDirectory(c, id, item);
    }

    /** Where the analyses of the item in {@code itemDir} are, whether or not there are any. */
    public static Path of(Path itemDir) {
        return itemDir.resolve(DIRECTORY);
    }

    public Path directory() {
        return of(item);
    }

    /**
     * The item's acquired image, as its acquisition log's {@code end} record names it (the first file of a split or
     * E01 set), or empty when the log names none (an acquisition that did not finish).
     */
    public Optional<Path> acquiredImage() throws IOException {
        Path log = item.resolve(AcquisitionLog.FILE_NAME);
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        JsonNode end = AcquisitionLog.read(log).last("end").orElse(null);
        if (end == null || !end.path("files").path(0).isTextual()) {
            return Optional.empty();
        }
        Path image = item.resolve(end.path("files").path(0).asText()).normalize();
        return image.startsWith(item.normalize()) && Files.isRegularFile(image) ? Optional.of(image) : Optional.empty();
    }

    /** How the case names {@code file}: relative to its root when inside it, else as given. */
    public String nameInCase(Path file) {
        Path root = theCase.root().toAbsolutePath().normalize();
        return file.toAbsolutePath().normalize().startsWith(root) ? theCase.relative(file) : file.toString();
    }

    /** Refuses, before any work, a result the case already holds: it is never replaced. */
    public void requireNew(String name) {
        Path file = directory().resolve(name);
        if (Files.exists(file)) {
            throw ExhibitException.usage(theCase.relative(file) + " exists in case " + theCase.root()
                    + "; the case keeps the first result (its SHA-256 is in " + MANIFEST + " and in any report"
                    + " built since); without --case the command writes its result where --out or stdout says");
        }
    }

    /** A new, empty file in the analysis directory, to be {@link #publish published} once complete. */
    public Path temporary(String name) throws IOException {
        Files.createDirectories(directory());
        return partFile(name);
    }

    /**
     * Puts a complete file in place under {@code name} and records it in the manifest, under a lock on the directory
     * so that two analyses of the item at once both land in it. The file is forced to disk first, and linked, not
     * renamed, so an existing file of that name is never replaced.
     *
     * @return the file's manifest entry
     */
    public ObjectNode publish(String name, Path temporary, Invocation invocation) throws IOException {
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = directory().resolve(name);
        try (LogLock lock = LogLock.exclusive(directory())) {
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                requireNew(name);
            } finally {
                Files.delete(temporary);
            }
            ObjectNode entry = Jcs.object();
            entry.put("name", name);
            entry.put("sha256", Sha256.ofFile(target));
            entry.put("bytes", Files.size(target));
            entry.put("tool", invocation.tool() + " " + invocation.version() + " (commit " + invocation.commit() + ")");
            entry.put("commandLine", invocation.commandLine());
            entry.put("created", Times.utc(Instant.now()));
            writeManifest(entry);
            return entry;
        }
    }

    /** A new file beside the final one, readable like every other file of the case (not owner-only). */
    private Path partFile(String name) throws IOException {
        return Files.createTempFile(
                directory(),
                "." + name + ".",
                ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    }

    private void writeManifest(ObjectNode entry) throws IOException {
        Path manifest = directory().resolve(MANIFEST);
        ObjectNode m;
        if (Files.isRegularFile(manifest)) {
            m = (ObjectNode) JsonFiles.readObject(manifest);
        } else {
            m = Jcs.object();
            m.put("format", MANIFEST_FORMAT);
            m.put("item", id);
            m.putArray("files");
        }
        ArrayNode files = m.withArray("files");
        files.add(entry);
        Path next = partFile(MANIFEST);
        try {
            Files.write(next, Jcs.canonicalBytes(m));
            try (FileChannel ch = FileChannel.open(next, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(next, manifest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }
}

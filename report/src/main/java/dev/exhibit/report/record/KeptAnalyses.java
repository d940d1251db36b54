package dev.exhibit.report.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.casefile.AnalysisDirectory;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses kept beside an item ({@code evidence/ID/analysis/}, docs/case.md), as the record carries them:
 * {@code analysisFiles}, each file its manifest names with the SHA-256 and size the file has now and the command that
 * made it, and {@code hashSets}, the hash-set results ({@code hashsets.json}) as written, or {@code null}. Hashing the
 * files again when the record is derived is what lets {@code report verify} name an analysis file edited since.
 */
final class KeptAnalyses {
    private KeptAnalyses() {}

    /**
     * Adds both members to {@code item}.
     *
     * @param covered the names of the analysis files to carry, or {@code null} for every file the manifest names
     */
    static void addTo(ObjectNode item, CaseDirectory c, Path itemDir, List<String> covered) throws IOException {
        Path dir = AnalysisDirectory.of(itemDir);
        ArrayNode files = item.putArray("analysisFiles");
        item.set("hashSets", NullNode.instance);
        for (JsonNode entry : manifest(dir)) {
            String name = entry.path("name").asText();
            if (covered != null && !covered.contains(name)) {
                continue;
            }
            Path file = fileOf(dir, name);
            if (file == null) {
                throw ExhibitException.evidence(c.relative(dir.resolve(AnalysisDirectory.MANIFEST)) + " names " + name
                        + ", which is not in " + c.relative(dir) + " (removed from the case?)");
            }
            ObjectNode f = files.addObject();
            f.put("file", c.relative(file));
            f.put("sha256", Sha256.ofFile(file));
            f.put("bytes", Files.size(file));
            for (String m : List.of("tool", "commandLine", "created")) {
                f.set(m, entry.path(m).deepCopy());
            }
            if (name.equals(AnalysisDirectory.HASHSETS)) {
                item.set("hashSets", AnalysisFile.safeNumbers(JsonFiles.readObject(file)));
            }
        }
    }

    /**
     * Every file whose SHA-256 is not the one its manifest recorded when it was written: a report is not built over
     * an analysis file changed after Exhibit wrote it.
     */
    static List<String> changed(CaseDirectory c, Path itemDir) throws IOException {
        Path dir = AnalysisDirectory.of(itemDir);
        List<String> changed = new ArrayList<>();
        for (JsonNode entry : manifest(dir)) {
            Path file = fileOf(dir, entry.path("name").asText());
            String now = file != null ? Sha256.ofFile(file) : "missing";
            file = file != null ? file : dir.resolve(entry.path("name").asText().replace('/', '_'));
            if (!now.equals(entry.path("sha256").asText())) {
                changed.add(c.relative(file) + " has SHA-256 " + now + ", but " + AnalysisDirectory.MANIFEST
                        + " recorded " + entry.path("sha256").asText() + " when "
                        + entry.path("commandLine").asText() + " wrote it");
            }
        }
        return changed;
    }

    /** The regular file {@code name} directly in {@code dir}, or {@code null}: a manifest never points elsewhere. */
    private static Path fileOf(Path dir, String name) {
        Path file = dir.resolve(name).normalize();
        return dir.normalize().equals(file.getParent()) && Files.isRegularFile(file) ? file : null;
    }

    private static JsonNode manifest(Path dir) throws IOException {
        Path manifest = dir.resolve(AnalysisDirectory.MANIFEST);
        return Files.isRegularFile(manifest)
                ? JsonFiles.readObject(manifest).path("files")
                : Jcs.mapper().createArrayNode();
    }
}

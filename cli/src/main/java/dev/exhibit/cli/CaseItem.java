package dev.exhibit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.report.casefile.AnalysisDirectory;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --case CASE --id ID}: keep an analysis in the case, beside the evidence item, in
 * {@code CASE/evidence/ID/analysis/} (docs/case.md). Without IMAGE, the image the item's acquisition log names is read.
 */
final class CaseItem {
    @Option(
            names = "--case",
            paramLabel = "CASE",
            description = "Keep the result in case CASE, in evidence/ID/analysis/ with its SHA-256 in manifest.json"
                    + " (with --id). Without IMAGE, the item's acquired image is read.")
    Path caseDir;

    @Option(names = "--id", paramLabel = "ID", description = "The evidence item of --case the result belongs to.")
    String id;

    boolean given() {
        return caseDir != null || id != null;
    }

    /** The item's analysis directory, checked for writing; a usage error unless both options are given. */
    AnalysisDirectory open() throws IOException {
        if (caseDir == null || id == null) {
            throw ExhibitException.usage(
                    (caseDir == null ? "--id" : "--case") + " needs " + (caseDir == null ? "--case CASE" : "--id ID")
                            + ": a result is kept in a case beside one of its evidence items");
        }
        return AnalysisDirectory.forWriting(caseDir, id);
    }

    /** {@code given}, or else the item's acquired image. */
    Path image(Path given, AnalysisDirectory analysis) throws IOException {
        if (given != null) {
            return given;
        }
        return analysis.acquiredImage()
                .orElseThrow(() -> ExhibitException.usage("item " + id + " of case " + caseDir + " has no acquired"
                        + " image its acquisition log names (the acquisition did not finish): give IMAGE"));
    }

    /** Refuses an option that would change what the case's file of that name holds. */
    static void refuse(boolean set, String option, String file) {
        if (set) {
            throw ExhibitException.usage(option + " cannot be used with --case: the case keeps " + file + " whole");
        }
    }

    /** Says where a result was kept, how large it is, and its SHA-256. */
    static void kept(CommandLine.Model.CommandSpec spec, AnalysisDirectory analysis, ObjectNode entry) {
        spec.commandLine()
                .getOut()
                .printf(
                        "exhibit: kept %s (%,d bytes, SHA-256 %s)%n",
                        analysis.directory().resolve(entry.path("name").asText()),
                        entry.path("bytes").asLong(),
                        entry.path("sha256").asText());
        spec.commandLine().getOut().flush();
    }
}

package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Analysis summaries ({@code exhibit analyze IMAGE}): type {@code exhibit.analysis-summary}, version 1, the shape the
 * report module reads from {@code evidence/ID/analysis.json}. For other commands, such as the demo:
 *
 * {@snippet :
 * ObjectNode summary = Summaries.summarize(image, invocation);
 * Summaries.write(summary, caseDir.resolve("evidence/EV-1/analysis.json"));
 * System.out.print(Summaries.text(summary));
 * }
 */
public final class Summaries {
    private Summaries() {}

    /**
     * Summarises an image, running libtsk in a sandbox worker (a crash inside libtsk becomes a problem in the
     * summary or an {@link ExhibitException}, never the end of the caller's JVM). Searches for orphan files.
     *
     * @param invocation the command the summary is recorded under
     */
    public static ObjectNode summarize(Path image, Invocation invocation) throws IOException {
        return summarize(image, invocation, true, Diagnostics.ignored());
    }

    /**
     * As {@link #summarize(Path, Invocation)}, with the orphan search optional and warnings reported as they come
     * (the summary lists its problems itself).
     */
    public static ObjectNode summarize(Path image, Invocation invocation, boolean orphans, Diagnostics diagnostics)
            throws IOException {
        return Sandbox.summary(image, invocation, orphans, diagnostics);
    }

    /** The human-readable form: image, partition table as {@code mmls} prints it, file systems with file counts. */
    public static String text(JsonNode summary) {
        return SummaryText.render(summary);
    }

    /** Writes the summary as canonical JSON (RFC 8785) to a new file; an existing file is never overwritten. */
    public static void write(JsonNode summary, Path file) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw ExhibitException.usage(file + " exists; summaries never overwrite a file, give a new name");
        }
        Files.write(file, Jcs.canonicalBytes(summary), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Builds the summary in this process, without a sandbox: for the sandbox worker itself and for tests. A crash in
     * libtsk ends this JVM.
     */
    public static ObjectNode build(
            Path image,
            Invocation invocation,
            boolean orphans,
            Map<Integer, String> skipWalk,
            Map<Integer, String> skipOpen,
            FileListing.Progress progress)
            throws IOException {
        return Summary.build(image, invocation, orphans, skipWalk, skipOpen, progress);
    }
}

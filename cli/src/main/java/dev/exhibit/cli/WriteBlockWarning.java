package dev.exhibit.cli;

import dev.exhibit.core.evidence.AcquisitionLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The warning on stderr when a block device is acquired without the write-block check: skipping it is the examiner's
 * call ({@code --no-writeblock-check}, or a resume of an acquisition started so), but never a silent one.
 */
final class WriteBlockWarning {
    private WriteBlockWarning() {}

    /** Warns when {@code source} is a device; a regular file is opened read-only and has no read-only flag to check. */
    static void ifDevice(PrintWriter err, Path source) {
        if (Files.isRegularFile(source) || !Files.exists(source)) {
            return;
        }
        err.println("exhibit: warning: --no-writeblock-check: " + source + " is acquired without checking that it is"
                + " write-blocked; nothing stops this system from writing to it, and the log records the check as not"
                + " made");
        err.flush();
    }

    /** Warns when the acquisition being resumed in {@code outDir} was started with {@code --no-writeblock-check}. */
    static void ifResumedUnchecked(PrintWriter err, Path outDir, Path newSource) throws IOException {
        Path file = outDir.resolve(AcquisitionLog.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return;
        }
        AcquisitionLog log = AcquisitionLog.read(file);
        boolean unchecked = log.first("start")
                .map(s -> !s.path("options").path("writeBlockCheck").asBoolean(true))
                .orElse(false);
        String logged = log.first("source").map(s -> s.path("path").asText("")).orElse("");
        if (unchecked && (newSource != null || !logged.isEmpty())) {
            ifDevice(err, newSource != null ? newSource : Path.of(logged));
        }
    }
}

package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Operands typed in each other's place, told apart by what they are on disk, so that the usage error names the swap
 * and the command that was meant instead of the first thing that failed ("no such file" for an OUTDIR that is new).
 */
final class ArgumentOrder {
    private ArgumentOrder() {}

    /** {@code acquire OUTDIR SOURCE}: a SOURCE that is missing or a directory, and an OUTDIR that is a file or device. */
    static void sourceBeforeOutdir(CommandSpec spec, Path source, Path outDir) {
        if (source == null || outDir == null || !Files.exists(outDir) || Files.isDirectory(outDir)) {
            return;
        }
        String sourceIs;
        if (!Files.exists(source)) {
            sourceIs = "does not exist";
        } else if (Files.isDirectory(source)) {
            sourceIs = "is a directory";
        } else {
            return;
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "SOURCE " + source + " " + sourceIs + " and OUTDIR " + outDir + " is an existing "
                        + (Files.isRegularFile(outDir) ? "file" : "device") + ": are they swapped? SOURCE comes first: "
                        + "exhibit acquire " + quote(outDir) + " " + quote(source));
    }

    /** {@code acquire --resume SOURCE OUTDIR}: --resume names the acquisition's directory, SOURCE comes after it. */
    static void resumeBeforeSource(CommandSpec spec, Path resume, Path source) {
        if (source == null
                || Files.isDirectory(resume)
                || !Files.isRegularFile(source.resolve(AcquisitionLog.FILE_NAME))) {
            return;
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--resume takes the OUTDIR of the interrupted acquisition, but " + resume + " is not a directory and "
                        + source + " holds " + AcquisitionLog.FILE_NAME
                        + ": are they swapped? exhibit acquire --resume "
                        + quote(source) + " " + quote(resume));
    }

    private static String quote(Path p) {
        return Invocation.shellQuote(p.toString());
    }
}

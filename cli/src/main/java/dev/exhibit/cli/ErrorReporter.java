package dev.exhibit.cli;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns any failure into one line on stderr and an exit status from {@link ExitCodes}. The stack trace is printed only
 * with {@code --debug}: users see what failed and where, never a Java trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        int status = statusOf(t);
        err.println("exhibit: " + (status == ExitCodes.INTERNAL ? "internal error: " : "error: ") + describe(t));
        if (Main.debug(parseResult)) {
            t.printStackTrace(err);
        } else if (status == ExitCodes.INTERNAL) {
            err.println("exhibit: this is a bug in Exhibit; run again with --debug and report the output");
        }
        err.flush();
        return status;
    }

    static int statusOf(Throwable t) {
        if (t instanceof ExhibitException e) {
            return e.kind().exitStatus();
        }
        if (t instanceof IOException) {
            return ExitCodes.ENVIRONMENT;
        }
        if (t instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "no such file or directory: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileAlreadyExistsException e) {
            return "already exists, not overwritten: " + e.getFile();
        }
        if (t instanceof DirectoryNotEmptyException e) {
            return "directory not empty: " + e.getFile();
        }
        if (t instanceof FileSystemException e) {
            return e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        }
        if (t instanceof ExhibitException || t instanceof IOException || t instanceof IllegalArgumentException) {
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}

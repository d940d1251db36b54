package dev.exhibit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.FileContent;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.Summaries;
import dev.exhibit.analyze.fs.InodeAddress;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exhibit analyze}: read-only analysis of an image through The Sleuth Kit (docs/analyze.md). libtsk runs in
 * a worker process, so that a crash inside it is reported in one line instead of ending this one.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Summarise an image, read-only.",
            "Format and size, the partition table as mmls shows it, and each file system's type, label, size and"
                    + " file counts. The subcommands list, read and export files."
        },
        subcommands = {AnalyzeFiles.class, AnalyzeCommand.Cat.class, AnalyzeExport.class, AnalyzeDfxml.class})
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "IMAGE",
            description = "The image (raw, .001, .E01, VHD, VMDK).")
    Path image;

    @Option(names = "--json", description = "Print the summary as JSON (type exhibit.analysis-summary, version 2).")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON summary to FILE, which must not exist.")
    Path out;

    @Option(names = "--no-orphans", description = "Count files without searching for orphans (faster on FAT).")
    boolean noOrphans;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (image == null) {
            // nothing to do is a mistake, not a success: say so, then show what can be done
            PrintWriter err = spec.commandLine().getErr();
            err.println(
                    "exhibit: usage error: give an IMAGE to summarise, or a subcommand (files, cat, export, dfxml)");
            spec.commandLine().usage(err);
            err.flush();
            return ExitCodes.USAGE;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        ObjectNode summary =
                Summaries.summarize(image, Main.invocation(), !noOrphans, diagnostics(spec, new ArrayList<>()));
        if (out != null) {
            Summaries.write(summary, out);
            stdout.println("exhibit: wrote the analysis summary of " + image + " to " + out);
        } else if (json) {
            stdout.println(Jcs.canonicalString(summary));
        } else {
            stdout.print(Summaries.text(summary));
        }
        stdout.flush();
        List<String> problems = new ArrayList<>();
        summary.path("problems").forEach(p -> problems.add(p.path("message").asText()));
        failOnProblems(problems, image);
        return ExitCodes.OK;
    }

    /**
     * For {@code analyze IMAGE}, {@code analyze files} and {@code analyze cat}, starts the sandbox worker before
     * picocli even parses the command line, so that both JVMs start at once (the worker's start and libtsk's loading
     * then cost no wall time). When the command line turns out wrong, the unused worker exits with this process.
     */
    static void prestartWorker(String[] args) {
        int i = 0;
        while (i < args.length && args[i].equals("--debug")) {
            i++;
        }
        if (args.length < i + 2
                || !args[i].equals("analyze")
                || List.of(args).contains("--help")
                || List.of(args).contains("-h")) {
            return;
        }
        String sub = args[i + 1];
        boolean listing = sub.equals("files") || sub.equals("cat") || sub.equals("dfxml");
        if (listing && args.length < i + 3 || sub.equals("export")) {
            return;
        }
        try {
            // a listing writes to this process's stdout, which the worker inherits; a summary comes back by pipe
            Sandbox.prestart(listing);
        } catch (IOException e) {
            // the command starts its worker itself, and reports the failure if it happens again
        }
    }

    /** {@code --partition NAME} or {@code --offset SECTORS}. */
    static final class Where {
        @Option(
                names = "--partition",
                paramLabel = "NAME",
                converter = PartitionName.class,
                description = "The file system in partition NAME, as exhibit analyze IMAGE names it (p1, p2, p5...:"
                        + " the GPT entry or MBR partition number, as Linux numbers sda1, sda2...).")
        String partition;

        @Option(
                names = "--offset",
                paramLabel = "SECTORS",
                description = "The file system starting SECTORS sectors into the image (as fls -o).")
        Long offsetSectors;

        static Selection of(Where w) {
            return w == null ? Selection.ALL : new Selection(w.partition, w.offsetSectors);
        }
    }

    /**
     * Refuses, before the image is opened, a {@code --partition} value that is no partition name at all (an image path
     * given in its place, say). Numbers pass: the worker says what mmls's entry N is, and lists the names.
     */
    static final class PartitionName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("p?[0-9]{1,9}")) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a partition name: partitions"
                        + " are named p1, p2, p5... as 'exhibit analyze IMAGE' lists them");
            }
            return value;
        }
    }

    /** What every subcommand works on: an image and, optionally, which of its file systems. */
    abstract static class OnImage {
        @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "The image.")
        Path image;

        @ArgGroup(exclusive = true)
        Where where;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        final List<String> problems = new ArrayList<>();

        Diagnostics diagnostics() {
            return AnalyzeCommand.diagnostics(spec, problems);
        }

        /** The image, which only {@code analyze files --case} may leave out. */
        Path requireImage() {
            if (image == null) {
                throw ExhibitException.usage("give the IMAGE to read");
            }
            return image;
        }

        /** Ends the command with exit status 1 if damage was found on the way. */
        int done() throws IOException {
            flush(spec);
            failOnProblems(problems, image);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cat",
            mixinStandardHelpOptions = true,
            description = "Write a file's content, byte for byte what icat writes for the same address.")
    static final class Cat extends OnImage implements Callable<Integer> {
        @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "The file's path, from the root.")
        String path;

        @Option(
                names = "--inode",
                paramLabel = "N[-TYPE[-ID]]",
                description = "The file's metadata address as fls shows it (12, or 64-128-4 for an NTFS stream).")
        String inode;

        @Option(names = "--slack", description = "Include the slack after the content's end (icat -s).")
        boolean slack;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, which must not exist.")
        Path out;

        @Override
        public Integer call() throws IOException {
            FileContent.Request request = new FileContent.Request(
                    requireImage(), Where.of(where), path, inode == null ? null : InodeAddress.parse(inode), slack);
            Sandbox.content(request, output(spec, out), diagnostics());
            return done();
        }
    }

    /** The digests {@code --hash} names, or {@code fallback} without it; a name that is no digest is a usage error. */
    static List<HashAlgorithm> algorithms(String hash, List<HashAlgorithm> fallback) {
        if (hash == null) {
            return fallback;
        }
        try {
            return HashAlgorithm.parseList(hash);
        } catch (IllegalArgumentException e) {
            throw ExhibitException.usage("--hash: " + e.getMessage());
        }
    }

    /** Warnings and problems as they come, one line each on stderr; problems are also kept for the exit status. */
    static Diagnostics diagnostics(CommandLine.Model.CommandSpec spec, List<String> problems) {
        PrintWriter err = spec.commandLine().getErr();
        return Diagnostics.of(
                w -> {
                    err.println("exhibit: warning: " + w);
                    err.flush();
                },
                p -> {
                    problems.add(p);
                    err.println("exhibit: warning: " + p);
                    err.flush();
                },
                n -> {
                    err.println("exhibit: " + n);
                    err.flush();
                });
    }

    /** Damage found on the way: the command did the rest, and now ends with exit status 1. */
    static void failOnProblems(List<String> problems, Path image) {
        if (problems.size() == 1) {
            throw ExhibitException.evidence(problems.getFirst());
        }
        if (!problems.isEmpty()) {
            throw ExhibitException.evidence(
                    image + ": " + problems.size() + " problems (all shown above), the first: " + problems.getFirst());
        }
    }

    /** Standard output (inherited by the worker when it is this process's own), or a new file. */
    static Sandbox.Output output(CommandLine.Model.CommandSpec spec, Path out) throws IOException {
        flush(spec);
        if (out != null) {
            try {
                Files.createFile(out);
            } catch (FileAlreadyExistsException e) {
                throw ExhibitException.usage(out + " exists; Exhibit never overwrites a file, give a new name");
            }
            return new Sandbox.Output.File(out);
        }
        Main.Stdout stdout = Main.stdout();
        return stdout.process() ? new Sandbox.Output.ProcessStdout() : new Sandbox.Output.Stream(stdout.stream());
    }

    private static void flush(CommandLine.Model.CommandSpec spec) throws IOException {
        spec.commandLine().getOut().flush();
        OutputStream bytes = Main.stdout().stream();
        bytes.flush();
    }
}

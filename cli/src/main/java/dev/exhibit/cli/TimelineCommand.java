package dev.exhibit.cli;

import dev.exhibit.analyze.Diagnostics;
import dev.exhibit.analyze.FileListing;
import dev.exhibit.analyze.Selection;
import dev.exhibit.analyze.sandbox.Sandbox;
import dev.exhibit.analyze.timeline.Timeline;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.report.casefile.AnalysisDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit timeline}: every time stamp of the images' file systems on one sorted timeline (docs/timeline.md). */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Put every time stamp of every file system of the images on one timeline, sorted, in UTC to the"
                    + " nanosecond.",
            "One row per file and instant, with MACB letters (m.c. when modified and changed at that instant), the"
                    + " image, partition, path and inode; NTFS $FILE_NAME times are rows of their own. Events are"
                    + " sorted outside the heap, so memory stays flat for any number of them."
        })
final class TimelineCommand implements Callable<Integer> {
    @Parameters(
            arity = "0..*",
            paramLabel = "IMAGE",
            description = "The images (raw, .001, .E01, VHD, VMDK); every file system of each is read. Or one case"
                    + " directory that has been indexed (exhibit index CASE): the timeline of all its items, from the"
                    + " case database.")
    List<Path> images = new ArrayList<>();

    @Option(
            names = "--bodyfile",
            paramLabel = "FILE",
            description = "Also read FILE, a TSK 3.x body file (fls -m, tsk_gettimes), which may be given again.")
    List<Path> bodyfiles = new ArrayList<>();

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = ZonedTime.class,
            description = "Keep times at or after TIME, an ISO 8601 time with its zone (2024-01-21T19:00:00Z or"
                    + " 2024-01-21T20:00:00+01:00).")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = ZonedTime.class,
            description = "Keep times before TIME (exclusive), given as for --from.")
    Instant to;

    @Option(
            names = "--format",
            paramLabel = "mactime|csv|jsonl",
            description = "Write the columns of mactime -y -d, which is the default, or a plain CSV, or JSON Lines"
                    + " that Timesketch imports.")
    Timeline.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE, which must not exist.")
    Path out;

    @Option(
            names = "--temp-dir",
            paramLabel = "DIR",
            description = "Spill sorted runs into DIR when the events do not fit in memory (by default $TMPDIR, else"
                    + " /tmp); they are deleted at the end.")
    Path tempDir;

    @CommandLine.Mixin
    CaseItem caseItem = new CaseItem();

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "With a CASE: another database than the one it was indexed into (as exhibit index --db).")
    String db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private AnalysisDirectory analysis;

    @Override
    public Integer call() throws IOException {
        if (images.size() == 1 && bodyfiles.isEmpty() && !caseItem.given() && CaseLayout.isCase(images.getFirst())) {
            return CaseTimeline.write(
                    spec, images.getFirst(), db, format == null ? Timeline.Format.MACTIME : format, from, to, out);
        }
        if (db != null) {
            throw ExhibitException.usage("--db goes with a case directory (exhibit timeline CASE --db URL)");
        }
        if (caseItem.given()) {
            openCase();
        } else if (format == null) {
            format = Timeline.Format.MACTIME;
        }
        if (images.isEmpty() && bodyfiles.isEmpty()) {
            throw ExhibitException.usage("give at least one IMAGE or --bodyfile FILE");
        }
        for (Path p : images) {
            Files.readAttributes(p, "size");
        }
        for (Path p : bodyfiles) {
            Files.readAttributes(p, "size");
        }
        List<String> problems = new ArrayList<>();
        Diagnostics diagnostics = AnalyzeCommand.diagnostics(spec, problems);
        try (WritableByteChannel channel = open();
                Timeline timeline = new Timeline(format, from, to, tempDir())) {
            Thread cleanup = Thread.ofPlatform().unstarted(() -> deleteQuietly(timeline));
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                for (Path image : images) {
                    try {
                        Sandbox.files(
                                new FileListing.Request(image, Selection.ALL, FileListing.Format.TIMELINE),
                                new Sandbox.Output.Stream(timeline.image(
                                        analysis == null ? image.toString() : analysis.nameInCase(image))),
                                diagnostics);
                    } catch (ExhibitException e) {
                        if (e.kind() != ExhibitException.Kind.EVIDENCE) {
                            throw e;
                        }
                        // a damaged image or a crash of libtsk: the timeline of the rest is still written
                        diagnostics.problem(e.getMessage());
                    }
                }
                for (Path body : bodyfiles) {
                    timeline.bodyfile(body);
                }
                long rows = timeline.write(channel);
                if (analysis != null) {
                    channel.close();
                    CaseItem.kept(spec, analysis, analysis.publish(AnalysisDirectory.TIMELINE, out, Main.invocation()));
                } else if (out != null) {
                    spec.commandLine()
                            .getOut()
                            .printf("exhibit: wrote %,d rows (%,d events) to %s%n", rows, timeline.events(), out);
                }
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        } catch (IOException e) {
            if (out == null && "Broken pipe".equals(e.getMessage())) {
                // `exhibit timeline IMAGE | head`: the reader has what it wanted
                return ExitCodes.OK;
            }
            throw e;
        } finally {
            if (analysis != null && out != null) {
                Files.deleteIfExists(out);
            }
        }
        spec.commandLine().getOut().flush();
        AnalyzeCommand.failOnProblems(problems, images.isEmpty() ? bodyfiles.getFirst() : images.getFirst());
        return ExitCodes.OK;
    }

    /**
     * {@code --case CASE --id ID}: one image (the item's acquired one when none is given), as JSON Lines, into a
     * temporary file of the item's analysis directory that becomes {@code timeline.jsonl} once complete.
     */
    private void openCase() throws IOException {
        CaseItem.refuse(out != null, "--out", AnalysisDirectory.TIMELINE);
        CaseItem.refuse(!bodyfiles.isEmpty(), "--bodyfile", AnalysisDirectory.TIMELINE);
        CaseItem.refuse(
                format != null && format != Timeline.Format.JSONL,
                "--format " + String.valueOf(format).toLowerCase(java.util.Locale.ROOT),
                AnalysisDirectory.TIMELINE);
        CaseItem.refuse(from != null || to != null, "--from or --to", AnalysisDirectory.TIMELINE);
        if (images.size() > 1) {
            throw ExhibitException.usage("--case keeps the timeline of one item's image; " + images.size() + " given");
        }
        analysis = caseItem.open();
        analysis.requireNew(AnalysisDirectory.TIMELINE);
        images = new ArrayList<>(List.of(caseItem.image(images.isEmpty() ? null : images.getFirst(), analysis)));
        format = Timeline.Format.JSONL;
    }

    /** A new file for --out (never an existing one), the case's temporary file, or standard output. */
    private WritableByteChannel open() throws IOException {
        spec.commandLine().getOut().flush();
        if (analysis != null) {
            out = analysis.temporary(AnalysisDirectory.TIMELINE);
            return Files.newByteChannel(out, StandardOpenOption.WRITE);
        }
        if (out == null) {
            return Channels.newChannel(Main.stdout().stream());
        }
        try {
            return Files.newByteChannel(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw ExhibitException.usage(out + " exists; Exhibit never overwrites a file, give a new name");
        }
    }

    private Path tempDir() {
        if (tempDir != null) {
            return tempDir;
        }
        String env = System.getenv("TMPDIR");
        return Path.of(env != null && !env.isBlank() ? env : "/tmp");
    }

    private static void deleteQuietly(Timeline timeline) {
        try {
            timeline.close();
        } catch (IOException | UncheckedIOException e) {
            // the JVM is ending; the directory name says what it was
        }
    }

    /**
     * An ISO 8601 time with its zone, as an instant. A time without a zone is refused: read in the machine's zone it
     * would shift the range by hours without a word (mactime's date range does that).
     */
    static final class ZonedTime implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                if (parses(() -> LocalDateTime.parse(value)) || parses(() -> LocalDate.parse(value))) {
                    throw new CommandLine.TypeConversionException("'" + value + "' has no zone; give it in UTC ("
                            + value + (value.contains("T") ? "" : "T00:00:00") + "Z) or with its offset (+01:00):"
                            + " Exhibit never reads a time in the machine's zone");
                }
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO 8601 time with a zone,"
                        + " such as 2024-01-21T19:00:00Z or 2024-01-21T20:00:00.5+01:00");
            }
        }

        private static boolean parses(Runnable parse) {
            try {
                parse.run();
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}

package dev.exhibit.cli;

import dev.exhibit.analyze.Glob;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.index.CaseDatabase;
import dev.exhibit.index.CaseDatabases;
import dev.exhibit.index.DatabaseUrl;
import dev.exhibit.index.FileQuery;
import dev.exhibit.index.Search;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit search CASE}: files and streams of every item of a case, from its database (docs/case-database.md). */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Find files and streams in every evidence item of a case, from the case database (exhibit index CASE).",
            "The conditions are combined with AND. A table on a terminal, JSON Lines when piped or with --json."
        })
final class SearchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CASE", description = "The case directory.")
    Path caseDir;

    @Option(
            names = "--name",
            paramLabel = "GLOB",
            description = "The name matches GLOB (as analyze files --path: *, ?, [a-z], {jpg,png}, \\x; case counts).")
    String name;

    @Option(
            names = "--path",
            paramLabel = "GLOB",
            description = "The path from the root matches GLOB (/Users/**/*.lnk); a GLOB without / is matched against"
                    + " the name.")
    String path;

    @Option(names = "--hash", paramLabel = "HEX", description = "An MD5, SHA-1, SHA-256 or SHA-512 of the content.")
    String hash;

    @Option(names = "--type", paramLabel = "MIME", description = "The media type of the content (image/jpeg, image/*).")
    String type;

    @Option(names = "--notable", description = "In a notable hash set.")
    boolean notable;

    @Option(names = "--known", description = "In a known hash set.")
    boolean known;

    @Option(names = "--deleted", description = "Deleted names and orphans.")
    boolean deleted;

    @Option(names = "--item", paramLabel = "ID", description = "Only this evidence item.")
    String item;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = TimelineCommand.ZonedTime.class,
            description = "Any of the four times at or after TIME (ISO 8601 with its zone).")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = TimelineCommand.ZonedTime.class,
            description = "Any of the four times before TIME; with --from, the same time within both.")
    Instant to;

    @Option(names = "--json", description = "JSON Lines (the default when not on a terminal).")
    boolean json;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "Another database than the one the case was indexed into (as exhibit index --db).")
    String db;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        requireCase(caseDir);
        Glob nameGlob = glob(name);
        if (name != null && name.contains("/")) {
            throw ExhibitException.usage("--name '" + name + "' holds '/': a name has none; use --path");
        }
        Glob pathGlob = glob(path);
        FileQuery q = new FileQuery(
                name,
                nameGlob == null ? null : nameGlob::matches,
                path,
                pathGlob == null ? null : pathGlob::matches,
                hash,
                type,
                notable,
                known,
                deleted,
                item,
                from,
                to);
        DatabaseUrl url = database(caseDir, db);
        spec.commandLine().getOut().flush();
        boolean table = !json && Main.stdout().process() && AnalyzeFiles.terminal();
        try (CaseDatabase database = CaseDatabase.openExisting(url);
                SearchOutput output = table
                        ? new SearchOutput.Table(spec.commandLine().getOut())
                        : new SearchOutput.JsonLines(Main.stdout().stream())) {
            long n = Search.files(database, q, row -> {
                try {
                    output.row(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (table) {
                spec.commandLine().getErr().printf("exhibit: %,d files and streams in %s%n", n, url);
            }
        } catch (UncheckedIOException e) {
            if (!"Broken pipe".equals(e.getCause().getMessage())) {
                throw e.getCause();
            }
        }
        return ExitCodes.OK;
    }

    private static Glob glob(String text) {
        if (text == null) {
            return null;
        }
        return Glob.parse(text);
    }

    /** The database a case's searches read: --db, else the one the case was indexed into. */
    static DatabaseUrl database(Path caseDir, String db) throws IOException {
        return CaseDatabases.forReading(caseDir, db)
                .orElseThrow(() -> ExhibitException.usage(
                        caseDir + " has no case database yet: run 'exhibit index " + caseDir + "' first"));
    }

    static void requireCase(Path caseDir) {
        if (!CaseLayout.isCase(caseDir)) {
            throw ExhibitException.usage(
                    caseDir + " is not a case: it has no " + CaseLayout.CASE_FILE + " (exhibit case init)");
        }
    }
}

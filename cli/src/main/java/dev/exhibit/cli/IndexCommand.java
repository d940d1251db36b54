package dev.exhibit.cli;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.index.CaseDatabase;
import dev.exhibit.index.CaseDatabases;
import dev.exhibit.index.DatabaseUrl;
import dev.exhibit.index.Drift;
import dev.exhibit.index.Indexer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit index CASE}: the case database (docs/case-database.md). */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Load every evidence item's analysis files (evidence/ID/analysis/files.jsonl, timeline.jsonl,"
                    + " hashsets.json) into the case database: CASE/case.db (SQLite) by default, or a PostgreSQL"
                    + " server shared by a lab.",
            "An item whose files have not changed is left as it is; any other is loaded again, its rows replaced in"
                    + " one transaction. --check loads nothing and reports every difference between the database and"
                    + " the case's files (status 1)."
        })
final class IndexCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CASE", description = "The case directory (exhibit case init).")
    Path caseDir;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "The database: postgresql://HOST[:PORT]/DB[?sslmode=verify-full], sqlite:FILE or FILE; by"
                    + " default the one the case was last indexed into, else CASE/case.db. The password comes from"
                    + " PGPASSWORD or ~/.pgpass (PGPASSFILE), never from the command line.")
    String db;

    @Option(
            names = "--item",
            paramLabel = "ID",
            description = "Index only this item (may be given again): workstations can share a case's items.")
    List<String> items = new ArrayList<>();

    @Option(names = "--check", description = "Load nothing; report drift between the database and the case.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SearchCommand.requireCase(caseDir);
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            DatabaseUrl url = CaseDatabases.forReading(caseDir, db)
                    .orElseThrow(() -> ExhibitException.usage(
                            caseDir + " has no case database yet: run 'exhibit index " + caseDir + "' first"));
            try (CaseDatabase database = CaseDatabase.openExisting(url)) {
                List<Drift.Finding> drift = Drift.check(caseDir, database);
                for (Drift.Finding f : drift) {
                    out.println("drift: item " + f.item() + (f.file() == null ? "" : ": " + f.file()) + " " + f.what());
                }
                out.flush();
                if (!drift.isEmpty()) {
                    throw ExhibitException.evidence(url + " differs from " + caseDir + " in " + drift.size()
                            + " place(s); 'exhibit index " + caseDir + "' loads them again");
                }
                out.println("exhibit: " + url + " matches every analysis file of " + caseDir);
            }
            return ExitCodes.OK;
        }
        DatabaseUrl url = CaseDatabases.forIndex(caseDir, db);
        int indexed = 0;
        int unchanged = 0;
        try (CaseDatabase database = CaseDatabase.open(url)) {
            CaseDatabases.remember(caseDir, url);
            List<Indexer.Outcome> outcomes = Indexer.index(
                    caseDir,
                    database,
                    new LinkedHashSet<>(items),
                    id -> spec.commandLine().getErr().println("exhibit: indexing item " + id + " ..."));
            for (Indexer.Outcome o : outcomes) {
                switch (o.status()) {
                    case INDEXED -> {
                        indexed++;
                        out.printf(
                                "exhibit: item %s: %,d files and streams, %,d timeline events, %,d hash-set hits%n",
                                o.item(), o.files(), o.events(), o.hits());
                    }
                    case UNCHANGED -> {
                        unchanged++;
                        out.printf("exhibit: item %s: unchanged since it was indexed%n", o.item());
                    }
                    case NOT_ANALYSED ->
                        out.printf(
                                "exhibit: item %s: no analysis files (evidence/%s/analysis/files.jsonl or timeline.jsonl)"
                                        + "%n",
                                o.item(), o.item());
                }
            }
        }
        out.printf("exhibit: %s: %d item(s) indexed, %d unchanged%n", url, indexed, unchanged);
        return ExitCodes.OK;
    }
}

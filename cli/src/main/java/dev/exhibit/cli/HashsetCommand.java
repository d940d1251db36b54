package dev.exhibit.cli;

import dev.exhibit.analyze.hashset.HashSetImport;
import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.analyze.hashset.HashSetStore;
import dev.exhibit.analyze.hashset.SetKind;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.text.VisibleText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit hashset import|list|lookup}: the store of known and notable hash sets (docs/hashsets.md). */
@Command(
        name = "hashset",
        description = "Import, list and look up hash sets of known (NSRL) and notable files.",
        subcommands = {HashsetCommand.Import.class, HashsetCommand.ListSets.class, HashsetLookup.class})
final class HashsetCommand extends GroupCommand {

    /** The {@code --store} option every subcommand takes. */
    static final class StoreOption {
        @Option(
                names = "--store",
                paramLabel = "DIR",
                description = "The hash-set store. Without it, $" + HashSetStore.ENVIRONMENT_VARIABLE
                        + ", else $XDG_DATA_HOME/exhibit/hashsets, else ~/.local/share/exhibit/hashsets.")
        Path directory;

        HashSetStore store() {
            return HashSetStore.at(
                    directory != null
                            ? directory
                            : HashSetStore.defaultDirectory(System.getenv(), Path.of(System.getProperty("user.home"))));
        }
    }

    @Command(
            name = "import",
            description = {
                "Import hash lists into a set, creating it or adding to it.",
                "Each FILE is read by its content: an NSRL RDS v3 SQLite database (minimal or full build, opened"
                        + " read-only), a hashdeep file, md5sum, sha1sum or sha256sum output (with or without"
                        + " --tag), or a plain list of hex digests. A file already in the set (same SHA-256) is"
                        + " skipped, and a digest is kept once. The set is built aside and renamed into place, so an"
                        + " interrupted import leaves the set as it was.%n"
            })
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The set, e.g. nsrl-modern or case42-notable.")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The hash lists to import.")
        List<Path> files;

        @Option(
                names = "--kind",
                paramLabel = "known|notable",
                required = true,
                description = "What a hit means: known (set aside, as NSRL) or notable (reported).")
        SetKind kind;

        @Option(
                names = "--description",
                paramLabel = "TEXT",
                description = "What the set is, kept in it (default: as before, or empty).")
        String description;

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            HashSetStore s = store.store();
            HashSetImport.Result r = s.importFiles(name, kind, description, files, Main.invocation());
            PrintWriter out = spec.commandLine().getOut();
            for (String skipped : r.skipped()) {
                out.println("exhibit: skipped " + VisibleText.plain(skipped));
            }
            HashSetManifest m = r.manifest();
            if (r.added().isEmpty()) {
                out.println("exhibit: nothing new for hash set '" + name + "' in " + plain(s.directory()));
                return ExitCodes.OK;
            }
            out.println("exhibit: imported " + r.added().size() + " file(s) into hash set '" + m.name() + "' ("
                    + m.kind() + ") in " + plain(s.directory().resolve(m.name())));
            for (HashSetManifest.Source src : m.sources()
                    .subList(m.sources().size() - r.added().size(), m.sources().size())) {
                out.println("  " + plain(src.path()) + ": " + describe(src));
            }
            for (HashSetManifest.Index ix : m.indexes()) {
                out.println("  " + ix.algorithm().id() + ": " + count(ix.count()) + " distinct digests ("
                        + count(r.newDigests().getOrDefault(ix.algorithm(), 0L)) + " new), key file SHA-256 "
                        + ix.sha256());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            description = {
                "Show every hash set: its kind, digests per algorithm, and the files it was imported from.",
                "Each source file is shown with its SHA-256, format, when it was imported (UTC) and by which build"
                        + " of Exhibit.%n"
            })
    static final class ListSets implements Callable<Integer> {
        @Option(names = "--json", description = "The sets' manifests as a JSON array.")
        boolean json;

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            HashSetStore s = store.store();
            List<HashSetManifest> sets = s.list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                var array = Jcs.mapper().createArrayNode();
                sets.forEach(m -> array.add(m.toJson()));
                out.println(Jcs.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
                return ExitCodes.OK;
            }
            out.println("Hash sets in " + plain(s.directory()) + ": " + sets.size());
            for (HashSetManifest m : sets) {
                StringBuilder counts = new StringBuilder();
                for (HashSetManifest.Index ix : m.indexes()) {
                    counts.append(counts.isEmpty() ? "" : ", ")
                            .append(ix.algorithm().id())
                            .append(' ')
                            .append(count(ix.count()));
                }
                out.println();
                out.println(m.name() + "  " + m.kind() + "  " + counts);
                if (!m.description().isEmpty()) {
                    out.println("  description: " + VisibleText.plain(m.description()));
                }
                out.println("  created " + m.created() + ", updated " + m.updated());
                for (HashSetManifest.Source src : m.sources()) {
                    out.println("  source " + plain(src.path()));
                    out.println("    SHA-256 " + src.sha256() + ", " + describe(src));
                    out.println("    imported " + src.imported() + " by " + VisibleText.plain(src.tool()));
                }
            }
            return ExitCodes.OK;
        }
    }

    private static String describe(HashSetManifest.Source src) {
        return count(src.bytes()) + " bytes, " + src.format()
                + (src.detail().isEmpty() ? "" : " (" + VisibleText.plain(src.detail()) + ")") + ", "
                + count(src.digests()) + " digests";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String plain(Object path) {
        return VisibleText.plain(path.toString());
    }
}

package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code exhibit} command: acquisition, analysis and court-verifiable reporting. */
@Command(
        name = "exhibit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Forensic acquisition, analysis and verifiable reports.%n",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            AcquireCommand.class,
            VerifyCommand.class,
            WriteblockCommand.class,
            CaseCommand.class,
            CustodyCommand.class,
            KeysCommand.class,
            ReportCommand.class
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success, everything checked matched",
            "1:evidence or verification failure",
            "2:usage error",
            "3:I/O or environment error",
            "4:internal error (a bug; rerun with --debug)",
            "130:interrupted; partial work kept"
        })
public final class Main implements Runnable {

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The invocation of this process, recorded in every log. Set once by {@link #execute}. */
    private static volatile Invocation invocation = Invocation.of("exhibit", List.of());

    /** Whether this JVM is the command line itself (signals and the terminal are ours), not a test calling it. */
    private static volatile boolean standalone;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        standalone = true;
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command with the given streams and returns its exit status; tests call this directly. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        invocation = Invocation.of("exhibit", List.of(args));
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    static boolean standalone() {
        return standalone;
    }

    /** The running process's invocation, for commands that log it. */
    static Invocation invocation() {
        return invocation;
    }

    static boolean debug(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult root = parseResult;
        while (root != null) {
            if (root.hasMatchedOption("--debug")) {
                return true;
            }
            root = root.subcommand();
        }
        return false;
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("exhibit: usage error: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}

package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
import dev.exhibit.report.text.VisibleText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success, everything checked matched",
            "1:evidence or verification failure",
            "2:usage error",
            "3:I/O or environment error",
            "4:internal error (a bug; rerun with --debug)",
            "5:verified but not established: no check failed, but a signer or time stamp is not anchored",
            "130:interrupted; partial work kept"
        })
public final class Main extends GroupCommand {
    /**
     * The commands, in the order the help lists them. They are added when a command line is built, not named in
     * {@code @Command}: picocli reflects over every command it is given, which took half the start-up of a command.
     */
    static final List<Class<?>> COMMANDS = List.of(
            HelpCommand.class,
            DemoCommand.class,
            AcquireCommand.class,
            VerifyCommand.class,
            WriteblockCommand.class,
            AnalyzeCommand.class,
            TimelineCommand.class,
            HashsetCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            CaseCommand.class,
            CustodyCommand.class,
            ChainCommand.class,
            KeysCommand.class,
            ReportCommand.class);

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    /** The invocation of this process, recorded in every log. Set once by {@link #execute}. */
    private static volatile Invocation invocation;

    /** Whether this JVM is the command line itself (signals and the terminal are ours), not a test calling it. */
    private static volatile boolean standalone;

    /** Where commands write bytes that are not text (listings with raw names, file contents). */
    private static volatile Stdout stdout = new Stdout(new FileOutputStream(FileDescriptor.out), true);

    /**
     * Standard output as bytes.
     *
     * @param process whether this is the process's own file descriptor 1, which a worker process can inherit
     */
    record Stdout(OutputStream stream, boolean process) {}

    public static void main(String[] args) {
        standalone = true;
        stdout = new Stdout(new FileOutputStream(FileDescriptor.out), true);
        AnalyzeCommand.prestartWorker(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command with the given streams and returns its exit status; tests call this directly. Byte output
     * (listings, file contents) is decoded as UTF-8 into {@code out}; use {@link #execute(String[], OutputStream,
     * PrintWriter)} to get it exactly.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        stdout = new Stdout(new WriterOutputStream(out), false);
        return run(args, out, err);
    }

    /** Runs one command with standard output as bytes, text and byte output in the order written. */
    public static int execute(String[] args, OutputStream out, PrintWriter err) {
        stdout = new Stdout(out, false);
        PrintWriter text = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        int status = run(args, text, err);
        text.flush();
        return status;
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        invocation = Invocation.of("exhibit", List.of(args));
        int undecodable = undecodableArgument(args);
        if (undecodable >= 0) {
            err.println("exhibit: usage error: argument " + (undecodable + 1) + " ("
                    + (undecodable > 0 && args[undecodable - 1].startsWith("--")
                            ? "the value of " + args[undecodable - 1]
                            : "\"" + VisibleText.plain(args[undecodable]) + "\"")
                    + ") holds bytes that are not valid UTF-8 (shown as"
                    + " U+FFFD); Exhibit records text exactly as given and will not record a guess: retype it in"
                    + " UTF-8 (a file inside an image whose name is not UTF-8 is reached with --inode)");
            err.flush();
            return ExitCodes.USAGE;
        }
        CommandLine cli = commandLine(out, err, reachable(args));
        return cli.execute(args);
    }

    /**
     * The index of the first argument the JVM could not decode (it stands in U+FFFD for each undecodable byte), or -1.
     * A legitimately typed U+FFFD cannot be told apart, and is refused too: it is not what an examiner types.
     */
    static int undecodableArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The whole command tree. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, COMMANDS);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Main());
        commands.forEach(cli::addSubcommand);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setHelpFactory(new UsageHelp.Factory());
        // As wide as the terminal (picocli asks stty); 80 columns in a pipe, a file or a test.
        cli.setUsageHelpAutoWidth(standalone);
        withHelpEverywhere(cli);
        return cli;
    }

    /**
     * Every command and subcommand takes --help and --version, whether its class asked for them or not; a command that
     * only groups subcommands shows that one is required.
     */
    private static void withHelpEverywhere(CommandLine command) {
        if (command.getCommand() instanceof GroupCommand) {
            command.getCommandSpec().usageMessage().synopsisSubcommandLabel("COMMAND");
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixinStandardHelpOptions()) {
                spec.mixinStandardHelpOptions(true);
                spec.versionProvider(new VersionProvider());
            }
            withHelpEverywhere(sub);
        }
    }

    /**
     * The commands {@code args} can reach: the one they name, none for a bare {@code --version}, and all of them
     * for anything else (the help lists them all; a mistyped name gets picocli's suggestions from all of them).
     * Exhibit's own options take no values, so the first argument not starting with a dash names the command.
     */
    static List<Class<?>> reachable(String[] args) {
        String first = null;
        boolean version = false;
        boolean other = false;
        for (String a : args) {
            if (!a.startsWith("-")) {
                first = a;
                break;
            }
            version |= a.equals("--version") || a.equals("-V");
            other |= !a.equals("--version") && !a.equals("-V") && !a.equals("--debug");
        }
        if (first == null) {
            return version && !other ? List.of() : COMMANDS;
        }
        for (Class<?> c : COMMANDS) {
            if (c != HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                return List.of(c);
            }
        }
        return COMMANDS;
    }

    static boolean standalone() {
        return standalone;
    }

    /** Standard output as bytes; flush the command's text writer before writing to it. */
    static Stdout stdout() {
        return stdout;
    }

    /** The running process's invocation, for commands that log it. */
    static Invocation invocation() {
        if (invocation == null) {
            invocation = Invocation.of("exhibit", List.of());
        }
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
}

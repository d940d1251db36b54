package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
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
            "130:interrupted; partial work kept"
        })
public final class Main implements Runnable {
    /**
     * The commands, in the order the help lists them. They are added when a command line is built, not named in
     * {@code @Command}: picocli reflects over every command it is given, which took half the start-up of a command.
     */
    private static final List<Class<?>> COMMANDS = List.of(
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            AcquireCommand.class,
            VerifyCommand.class,
            WriteblockCommand.class,
            AnalyzeCommand.class,
            CaseCommand.class,
            CustodyCommand.class,
            KeysCommand.class,
            ReportCommand.class);

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

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
        CommandLine cli = commandLine(out, err, reachable(args));
        return cli.execute(args);
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
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        withHelpEverywhere(cli);
        return cli;
    }

    /** Every command and subcommand takes --help and --version, whether its class asked for them or not. */
    private static void withHelpEverywhere(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.mixinStandardHelpOptions() && !(spec.userObject() instanceof CommandLine.HelpCommand)) {
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
            if (c != CommandLine.HelpCommand.class
                    && c.getAnnotation(Command.class).name().equals(first)) {
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

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("exhibit: usage error: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }
}

package dev.exhibit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code exhibit help [COMMAND [SUBCOMMAND...]]}: the usage of the command at the end of the path. picocli's own help
 * command reads only the first name, so that {@code help custody add} showed the help of {@code custody}.
 */
@Command(
        name = "help",
        helpCommand = true,
        description = "Show the usage of a command, or of a subcommand given after it, e.g. exhibit help custody add.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command, then its subcommands if any, e.g. custody add; without one, exhibit's usage.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(
            CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.UnmatchedArgumentException(target, List.of(name));
            }
            target = sub;
        }
        target.usage(out, colors);
        return ExitCodes.OK;
    }
}

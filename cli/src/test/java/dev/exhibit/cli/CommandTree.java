package dev.exhibit.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Every command of the real command line, walked from {@link Main#commandLine}, so that tests of help and usage hold
 * for commands and options added later too.
 */
final class CommandTree {
    private CommandTree() {}

    /** The root and every command below it, parents before their subcommands. */
    static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        add(Main.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter())), all);
        return all;
    }

    private static void add(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(sub -> add(sub, all));
    }

    /** The command names a user types to reach {@code command}, e.g. {@code [custody, add]}; empty for the root. */
    static List<String> path(CommandLine command) {
        List<String> path = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            path.addFirst(c.getCommandName());
        }
        return path;
    }
}

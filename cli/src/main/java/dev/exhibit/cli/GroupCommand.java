package dev.exhibit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that only groups subcommands ({@code exhibit}, {@code case}, {@code keys}, {@code report}, {@code chain},
 * {@code custody CASE}): given without one, it is a usage error that shows its usage on stderr.
 */
abstract class GroupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return withoutSubcommand(spec);
    }

    /**
     * The one rule for a command run without the subcommand it needs: one usage error line naming the choices, then
     * the command's usage, on stderr; exit status 2.
     */
    static int withoutSubcommand(CommandSpec spec) {
        CommandLine command = spec.commandLine();
        PrintWriter err = command.getErr();
        err.println("exhibit: usage error: '" + UsageHelp.typedGroupName(spec) + "' needs a subcommand: "
                + choices(new ArrayList<>(command.getSubcommands().keySet())));
        command.usage(err);
        err.flush();
        return ExitCodes.USAGE;
    }

    /** "a, b or c". */
    static String choices(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }
}

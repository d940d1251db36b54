package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
import dev.exhibit.report.text.VisibleText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a command line picocli could not parse into one usage error line that names the mistake, not whatever picocli
 * happened to parse next: the nearest name to a mistyped one ({@code --spilt}: did you mean {@code --split}?), an
 * option given before the subcommand it belongs to, an operand of a group given after its subcommand, and which
 * operand was taken as what when there are too many. Exit status 2.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("exhibit: usage error: " + VisibleText.plain(describe(ex, List.of(args))));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    static String describe(ParameterException ex, List<String> args) {
        String message = operandOfGroup(ex.getCommandLine().getCommandSpec(), args);
        if (message != null) {
            return message;
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            message = u.isUnknownOption() ? unknownOption(u) : unexpectedOperand(u, args);
        } else if (ex instanceof MissingParameterException m) {
            message = takenByOption(m);
        }
        if (message != null) {
            return message;
        }
        // picocli names Java types: an examiner types numbers.
        return String.valueOf(ex.getMessage())
                .replaceAll("is not an? (long|int|integer|short|byte)\\b", "is not a whole number");
    }

    private static String unknownOption(UnmatchedArgumentException u) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        String typed = u.getUnmatched().getFirst();
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        Found owner = below(spec, s -> s.findOption(name) != null ? name : null);
        if (owner != null) {
            return "'" + name + "' is an option of '" + UsageHelp.typedName(owner.spec()) + "', not of '"
                    + UsageHelp.typedName(spec) + "': give it after '"
                    + owner.spec().name() + "'";
        }
        String here = "'" + UsageHelp.typedName(spec) + "' has no option '" + name + "'";
        String nearest = Nearest.of(name, optionNames(spec));
        if (nearest == null && !u.getSuggestions().isEmpty()) {
            nearest = u.getSuggestions().getFirst();
        }
        if (nearest != null) {
            return here + "; did you mean '" + nearest + "'?";
        }
        Found below = below(spec, s -> Nearest.of(name, optionNames(s)));
        return below == null
                ? here
                : here + "; did you mean '" + below.name() + "' of '" + UsageHelp.typedName(below.spec()) + "', after '"
                        + below.spec().name() + "'?";
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }

    private static String unexpectedOperand(UnmatchedArgumentException u, List<String> args) {
        CommandSpec spec = u.getCommandLine().getCommandSpec();
        List<String> surplus = u.getUnmatched();
        List<String> taken = new ArrayList<>();
        spec.positionalParameters().forEach(p -> taken.addAll(p.originalStringValues()));
        List<String> subcommands = new ArrayList<>(spec.subcommands().keySet());
        if (!subcommands.isEmpty()) {
            for (String word : concat(taken, surplus)) {
                String nearest = Nearest.of(word, subcommands);
                if (nearest != null) {
                    return "'" + UsageHelp.typedGroupName(spec) + "' has no subcommand '" + word + "'; did you mean '"
                            + nearest + "'?";
                }
            }
            if (spec.positionalParameters().isEmpty() || spec.userObject() instanceof GroupCommand) {
                return "'" + UsageHelp.typedGroupName(spec) + "' has no subcommand '" + surplus.getFirst()
                        + "'; give one of " + GroupCommand.choices(subcommands);
            }
        }
        return tooMany(spec, taken, surplus);
    }

    /**
     * {@code custody add CASE}: an operand of a group (which must come before its subcommand) given after the
     * subcommand. Checked before anything else: picocli would first complain about whatever the shift left missing.
     */
    private static String operandOfGroup(CommandSpec spec, List<String> args) {
        CommandSpec parent = spec.parent();
        if (parent == null || !(parent.userObject() instanceof GroupCommand)) {
            return null;
        }
        PositionalParamSpec missing = parent.positionalParameters().stream()
                .filter(p -> p.originalStringValues().isEmpty())
                .findFirst()
                .orElse(null);
        int group = args.indexOf(parent.name());
        int sub = group < 0 ? -1 : args.subList(group, args.size()).indexOf(spec.name()) + group;
        if (missing == null || sub <= group) {
            return null;
        }
        int at = firstOperand(spec, args, sub + 1);
        if (at < 0 || !spec.positionalParameters().isEmpty()) {
            return null;
        }
        List<String> fixed = new ArrayList<>(args);
        fixed.add(group + 1, fixed.remove(at));
        return missing.paramLabel() + " goes before '" + spec.name() + "': exhibit "
                + String.join(" ", fixed.stream().map(Invocation::shellQuote).toList());
    }

    /** The index of the first argument from {@code from} that is neither an option of {@code spec} nor its value. */
    private static int firstOperand(CommandSpec spec, List<String> args, int from) {
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                return i + 1 < args.size() ? i + 1 : -1;
            }
            if (!a.startsWith("-")) {
                return i;
            }
            OptionSpec o = a.contains("=") ? null : spec.findOption(a);
            if (o != null && o.arity().min() > 0) {
                i++;
            }
        }
        return -1;
    }

    private static String tooMany(CommandSpec spec, List<String> taken, List<String> surplus) {
        List<PositionalParamSpec> operands = spec.positionalParameters();
        StringBuilder m = new StringBuilder("'" + UsageHelp.typedName(spec) + "' takes ");
        List<String> labels = operands.stream().map(ArgSpec::paramLabel).toList();
        m.append(operands.isEmpty() ? "no operands" : operands.size() + " operand" + (operands.size() == 1 ? "" : "s"));
        m.append(labels.isEmpty() ? "" : " (" + String.join(" ", labels) + ")");
        if (!taken.isEmpty()) {
            m.append("; it took ");
            List<String> as = new ArrayList<>();
            for (PositionalParamSpec p : operands) {
                p.originalStringValues().forEach(v -> as.add(quote(v) + " as " + p.paramLabel()));
            }
            m.append(String.join(" and ", as)).append(',');
        }
        List<String> extra = surplus.stream().map(UsageErrors::quote).toList();
        m.append(" and ")
                .append(String.join(", ", extra))
                .append(extra.size() == 1 ? " is one" : " are")
                .append(" too many");
        String number = concat(taken, surplus).stream()
                .filter(s -> s.matches("\\d+"))
                .findFirst()
                .orElse(null);
        List<String> numeric = new ArrayList<>();
        if (spec.findOption("--partition") != null) {
            numeric.add("--partition p" + number + " (partition " + number + ")");
        }
        spec.options().stream()
                .filter(o -> !o.hidden() && isWholeNumber(o.type()))
                .forEach(o -> numeric.add(o.longestName() + " " + o.paramLabel()));
        if (number != null && !numeric.isEmpty()) {
            m.append("; a number such as '").append(number).append("' is given with its option: ");
            m.append(GroupCommand.choices(numeric));
        }
        return m.append("; the order is: ")
                .append(UsageHelp.typedName(spec))
                .append(spec.options().isEmpty() ? "" : " [OPTIONS]")
                .append(labels.isEmpty() ? "" : " " + String.join(" ", labels))
                .toString();
    }

    /** {@code verify --source OUTDIR}: an option whose value is optional took the operand that is now missing. */
    private static String takenByOption(MissingParameterException m) {
        CommandSpec spec = m.getCommandLine().getCommandSpec();
        PositionalParamSpec missing = m.getMissing().stream()
                .filter(a -> a instanceof PositionalParamSpec)
                .map(a -> (PositionalParamSpec) a)
                .findFirst()
                .orElse(null);
        if (missing == null) {
            return null;
        }
        for (OptionSpec o : spec.options()) {
            List<String> values = o.originalStringValues();
            if (o.arity().min() == 0
                    && o.arity().max() > 0
                    && !values.isEmpty()
                    && !values.getFirst().isEmpty()) {
                String value = values.getFirst();
                return "missing " + missing.paramLabel() + ": " + o.longestName() + " took '" + value + "' as its "
                        + o.paramLabel() + "; give " + missing.paramLabel() + " first: " + UsageHelp.typedName(spec)
                        + " " + Invocation.shellQuote(value) + " " + o.longestName();
            }
        }
        return null;
    }

    /** A name found in a command below the one that failed. */
    private record Found(CommandSpec spec, String name) {}

    /** The first command below {@code spec}, depth first, for which {@code match} gives a name. */
    private static Found below(CommandSpec spec, Function<CommandSpec, String> match) {
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            String name = match.apply(s);
            if (name != null) {
                return new Found(s, name);
            }
            Found deeper = below(s, match);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Long.class || type == long.class || type == Integer.class || type == int.class;
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}

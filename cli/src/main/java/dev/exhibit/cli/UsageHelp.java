package dev.exhibit.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's usage help with two changes. Lines break only at spaces: picocli breaks where {@link
 * java.text.BreakIterator} allows, which is also after every '.', ',' and ':', so that {@code record.json.p7s} became
 * {@code record.} and {@code json.p7s} on the next line. And a subcommand of a group with operands shows them where
 * they are typed: {@code exhibit custody CASE add}.
 */
final class UsageHelp extends CommandLine.Help {

    UsageHelp(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    /** Makes this help for every command (a class rather than a lambda: nothing to bootstrap at start-up). */
    static final class Factory implements CommandLine.IHelpFactory {
        @Override
        public CommandLine.Help create(CommandSpec spec, ColorScheme scheme) {
            return new UsageHelp(spec, scheme);
        }
    }

    /**
     * The name a user types to reach this command, with the operands a group takes before its subcommand ({@code
     * exhibit custody CASE add}; not {@code analyze}'s IMAGE, which its subcommands take after their name).
     */
    static String typedName(CommandSpec spec) {
        if (spec.parent() == null) {
            return spec.name();
        }
        StringBuilder name = new StringBuilder(typedName(spec.parent()));
        if (spec.parent().userObject() instanceof GroupCommand) {
            for (PositionalParamSpec p : spec.parent().positionalParameters()) {
                name.append(' ').append(p.paramLabel());
            }
        }
        return name.append(' ').append(spec.name()).toString();
    }

    /** {@link #typedName}, with the operands of a group that come before its subcommand: {@code custody CASE}. */
    static String typedGroupName(CommandSpec spec) {
        StringBuilder name = new StringBuilder(typedName(spec));
        if (spec.userObject() instanceof GroupCommand) {
            spec.positionalParameters().forEach(p -> name.append(' ').append(p.paramLabel()));
        }
        return name.toString();
    }

    @Override
    public Layout createDefaultLayout(
            List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
        int longOptions = calcLongOptionColumnWidth(options, positionals, scheme);
        TextTable table = WholeWordTable.like(TextTable.forDefaultColumns(scheme, longOptions, width()), scheme);
        return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    @Override
    public String description(Object... params) {
        return paragraphs(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(commandSpec().usageMessage().footer(), params);
    }

    private String paragraphs(String[] lines, Object... params) {
        TextTable table = WholeWordTable.like(TextTable.forColumnWidths(colorScheme(), width()), colorScheme());
        table.indentWrappedLines = 0;
        for (String line : lines) {
            table.addRowValues(format(line, params));
        }
        return table.toString();
    }

    /** Each subcommand with the first line of its header or description, which is therefore a whole sentence. */
    @Override
    public String commandList(Map<String, CommandLine.Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = Math.min(
                subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width() / 2);
        TextTable table = WholeWordTable.of(
                colorScheme(),
                new Column(names + 2, 2, Column.Overflow.SPAN),
                new Column(width() - names - 2, 2, Column.Overflow.WRAP));
        subcommands.forEach((name, help) -> {
            CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            String first = summary.length == 0 ? "" : format(summary[0]).strip().split("\\R")[0];
            table.addRowValues(help.commandNamesText(", "), colorScheme().text(first));
        });
        return table.toString();
    }

    /** The exit statuses, status and meaning in two columns. */
    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        int keys = map.keySet().stream()
                .mapToInt(k -> String.valueOf(k).length())
                .max()
                .orElse(0);
        TextTable table = WholeWordTable.of(
                colorScheme(),
                new Column(keys + 3, 2, Column.Overflow.SPAN),
                new Column(width() - keys - 3, 2, Column.Overflow.WRAP));
        map.forEach((k, v) -> table.addRowValues(format(String.valueOf(k)), format(String.valueOf(v))));
        return table;
    }

    /**
     * "Usage: exhibit custody CASE add [options...]", continued lines aligned after the command name (or after
     * "Usage: " when the name takes more than half the width).
     */
    @Override
    protected String insertSynopsisCommandName(int headingLength, Text details) {
        String name = typedName(commandSpec());
        int indent = headingLength + name.length() + 1;
        if (indent > width() / 2) {
            indent = headingLength;
        }
        TextTable table = WholeWordTable.like(TextTable.forColumnWidths(colorScheme(), width()), colorScheme());
        table.indentWrappedLines = indent;
        Text heading = colorScheme().text(" ".repeat(headingLength));
        table.addRowValues(heading.concat(colorScheme().commandText(name)).concat(details));
        return table.toString().substring(headingLength);
    }

    private int width() {
        return commandSpec().usageMessage().width();
    }

    private static String format(String text, Object... params) {
        try {
            return String.format(text, params);
        } catch (java.util.IllegalFormatException e) {
            return text;
        }
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The synopsis in the README's "Usage" section, checked against the command tree: every command has a line, every
 * line lists every option and operand of its command, and every option it lists exists.
 */
class ReadmeSynopsisTest {
    /** Options every command has; the README says so once instead of on every line. */
    private static final Set<String> EVERYWHERE = Set.of("--help", "--version", "--debug");

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z0-9][a-z0-9-]*");

    @Test
    void readmeSynopsis_listsEveryCommandWithEveryOptionAndOperand() throws IOException {
        String usage = usageSection();
        List<CommandLine> commands = CommandTree.commands();
        Map<CommandLine, String> lines = synopsis(usage, commands.getFirst());
        List<String> problems = new ArrayList<>();
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            String text = lines.get(c);
            if (text == null) {
                if (!(spec.userObject() instanceof GroupCommand)) {
                    problems.add(spec.qualifiedName() + ": no synopsis line");
                }
                continue;
            }
            for (OptionSpec o : spec.options()) {
                if (!o.hidden() && !EVERYWHERE.contains(o.longestName()) && !mentions(text, o.longestName())) {
                    problems.add(spec.qualifiedName() + ": " + o.longestName() + " is not listed");
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden() && !text.contains(p.paramLabel())) {
                    problems.add(spec.qualifiedName() + ": operand " + p.paramLabel() + " is not listed");
                }
            }
            Matcher m = OPTION.matcher(text);
            while (m.find()) {
                if (spec.findOption(m.group()) == null) {
                    problems.add(spec.qualifiedName() + ": lists " + m.group() + ", which it does not have");
                }
            }
        }
        assertThat(problems).as("README synopsis against the command tree").isEmpty();
        EVERYWHERE.forEach(o ->
                assertThat(usage).as("the README says every command takes " + o).contains(o));
    }

    private static boolean mentions(String text, String option) {
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            if (m.group().equals(option)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The synopsis lines (a line starting {@code exhibit} and the indented lines that continue it) by the command they
     * show, found by following the command names in the line (operands of groups, as CASE in {@code custody CASE
     * add}, are passed over).
     */
    private static Map<CommandLine, String> synopsis(String usage, CommandLine root) {
        Matcher block = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL).matcher(usage);
        assertThat(block.find()).as("a code block in the Usage section").isTrue();
        List<String> entries = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            if (line.startsWith("exhibit")) {
                entries.add(line);
            } else if (!line.isBlank()) {
                assertThat(entries)
                        .as("continuation before a first line: " + line)
                        .isNotEmpty();
                entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
            }
        }
        Map<CommandLine, String> byCommand = new LinkedHashMap<>();
        for (String entry : entries) {
            CommandLine c = root;
            for (String word : entry.substring("exhibit".length()).strip().split("\\s+")) {
                CommandLine sub = c.getSubcommands().get(word);
                if (sub != null) {
                    c = sub;
                }
            }
            byCommand.merge(c, entry, (a, b) -> a + " " + b);
        }
        return byCommand;
    }

    private static String usageSection() throws IOException {
        String readme = Files.readString(readme());
        int start = readme.indexOf("\n## Usage\n");
        assertThat(start).as("README has a Usage section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
    }
}

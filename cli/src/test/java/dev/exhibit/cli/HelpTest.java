package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.core.Invocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The usage help of every command, walked from the real command tree so that commands added later are held to it. */
class HelpTest {
    /** Widths from picocli's minimum to a wide terminal, with odd ones to catch a break at every position. */
    private static final int[] WIDTHS = {55, 61, 67, 73, 80, 89, 97, 113, 132, 160, 200};

    @TempDir
    Path tmp;

    @Test
    void everyOptionOfEveryCommand_hasADescriptionAndARealDefault() {
        List<String> undescribed = new ArrayList<>();
        List<String> nullDefaults = new ArrayList<>();
        for (CommandLine c : CommandTree.commands()) {
            CommandSpec spec = c.getCommandSpec();
            for (ArgSpec arg : spec.args()) {
                if (!arg.hidden() && Arrays.stream(arg.description()).allMatch(String::isBlank)) {
                    undescribed.add(spec.qualifiedName() + " " + name(arg));
                }
            }
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            Matcher m = Pattern.compile("(?i)default:?\\s*(null\\b|\\))").matcher(usage);
            while (m.find()) {
                nullDefaults.add(spec.qualifiedName() + ": ..." + excerpt(usage, m.start()) + "...");
            }
        }
        assertThat(undescribed).as("options and operands without a description").isEmpty();
        assertThat(nullDefaults).as("defaults shown as null or empty").isEmpty();
    }

    /** {@code --type=TYPE} as every other option names its value, not picocli's {@code --type=<type>}. */
    @Test
    void everyOptionValue_isNamedInCapitals() {
        List<String> lowerCase = new ArrayList<>();
        for (CommandLine c : CommandTree.commands()) {
            Matcher m = Pattern.compile("--[a-z-]+=<[^>]*>").matcher(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
            while (m.find()) {
                lowerCase.add(c.getCommandSpec().qualifiedName() + " " + m.group());
            }
        }
        assertThat(lowerCase)
                .as("option values named by picocli's default label")
                .isEmpty();
    }

    @Test
    void everyCommand_printsItsHelpWithoutOtherArguments() {
        List<CommandLine> commands = CommandTree.commands();
        assertThat(commands).hasSizeGreaterThan(15);
        for (CommandLine c : commands) {
            List<String> args = new ArrayList<>(CommandTree.path(c));
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.OK);
            assertThat(r.err()).as(String.join(" ", args)).isEmpty();
            assertThat(r.out()).as(String.join(" ", args)).containsPattern(synopsisOf(c));
        }
    }

    @Test
    void helpCommand_followsAPathOfSubcommands() {
        for (CommandLine c : CommandTree.commands()) {
            List<String> path = CommandTree.path(c);
            if (path.isEmpty() || path.equals(List.of("help"))) {
                continue;
            }
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(path);
            List<String> dashDash = new ArrayList<>(path);
            dashDash.add("--help");
            CliRunner.Result viaHelp = CliRunner.run(help.toArray(String[]::new));
            assertThat(viaHelp.exit()).as(viaHelp.toString()).isEqualTo(ExitCodes.OK);
            assertThat(viaHelp.out())
                    .as(String.join(" ", help))
                    .isEqualTo(CliRunner.run(dashDash.toArray(String[]::new)).out());
        }
        CliRunner.Result wrong = CliRunner.run("help", "custody", "lsit");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.err()).contains("'lsit'").contains("did you mean 'list'?");
    }

    @Test
    void everyDescription_isWholeSentences() {
        List<String> fragments = new ArrayList<>();
        for (CommandLine c : CommandTree.commands()) {
            CommandSpec spec = c.getCommandSpec();
            for (String line : spec.usageMessage().description()) {
                checkSentences(spec.qualifiedName(), line, fragments);
            }
            for (ArgSpec arg : spec.args()) {
                for (String line : arg.description()) {
                    checkSentences(spec.qualifiedName() + " " + name(arg), line, fragments);
                }
            }
        }
        assertThat(fragments)
                .as("description lines that are not whole sentences (picocli prints each as its own line)")
                .isEmpty();
    }

    @Test
    void usage_breaksLinesOnlyBetweenWords_atAnyWidth() {
        for (CommandLine c : CommandTree.commands()) {
            CommandSpec spec = c.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.args().stream().filter(a -> !a.hidden()).forEach(a -> texts.addAll(List.of(a.description())));
            for (int width : WIDTHS) {
                spec.usageMessage().width(width);
                String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
                String words = normalize(usage);
                for (String text : texts) {
                    String expected = normalize(text.replace("%n", " "));
                    if (words.contains(expected)) {
                        continue;
                    }
                    // Only a word longer than a third of the line may be cut: it may not fit any column.
                    assertThat(Arrays.stream(expected.split(" ")).anyMatch(w -> w.length() > width / 3))
                            .as(
                                    "%s --help at %d columns keeps whole words of:%n%s%n%s",
                                    spec.qualifiedName(), width, text, usage)
                            .isTrue();
                    assertThat(words.replace(" ", "")).contains(expected.replace(" ", ""));
                }
                assertThat(usage.lines())
                        .as("%s --help at %d columns", spec.qualifiedName(), width)
                        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
            }
        }
    }

    @Test
    void fileNames_neverWrapAtTheirDots() {
        for (int width = 55; width <= 140; width++) {
            String build = usageAt(width, "report", "build");
            assertThat(build).contains("record.json.p7s").contains("record.json.p7s.tsr");
            String report = usageAt(width, "report");
            assertThat(report).doesNotContain("record.\n").doesNotContain("json.\n");
            assertThat(usageAt(width, "acquire")).contains("acquisition.log.jsonl");
            assertThat(usageAt(width, "verify")).contains("acquisition.log.jsonl");
        }
    }

    private static String usageAt(int width, String... path) {
        CommandLine c = CommandTree.commands().stream()
                .filter(x -> CommandTree.path(x).equals(List.of(path)))
                .findFirst()
                .orElseThrow();
        c.getCommandSpec().usageMessage().width(width);
        return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void usage_is80ColumnsWideWhenNotATerminal() throws Exception {
        Path out = tmp.resolve("out");
        Process p = CliRunner.spawn(List.of("acquire", "--help"), out, tmp.resolve("err"));
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(widest(Files.readString(out))).isBetween(72, 80);
    }

    @Test
    void usage_adaptsToTheWidthOfTheTerminal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = Stream.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "acquire",
                        "--help")
                .map(Invocation::shellQuote)
                .reduce((a, b) -> a + " " + b)
                .orElseThrow();
        // script(1) runs the command on a pseudo-terminal of 132 columns, as a wide terminal window would.
        Process p = new ProcessBuilder("script", "-qec", "stty cols 132 rows 50; " + command, "/dev/null")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // On a terminal the help has colours; the width is that of the text.
        String text = out.replace("\r", "").replaceAll("\u001B\\[[0-9;]*m", "");
        assertThat(text).contains("Usage: exhibit acquire");
        assertThat(widest(text)).as(text).isBetween(100, 132);
    }

    @Test
    void commandThatOnlyGroups_withoutSubcommand_printsItsUsageOnStderrAndIsAUsageError() {
        List<String> groups = new ArrayList<>();
        for (CommandLine c : CommandTree.commands()) {
            if (!(c.getCommandSpec().userObject() instanceof GroupCommand)) {
                continue;
            }
            List<String> args = new ArrayList<>(CommandTree.path(c));
            groups.add(String.join(" ", args));
            // A group with its own operands (custody CASE) is given them: only the subcommand is missing.
            c.getCommandSpec().positionalParameters().forEach(p -> args.add(tmp.toString()));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .startsWith("exhibit: usage error: ")
                    .contains("needs a subcommand")
                    .containsPattern(synopsisOf(c));
        }
        assertThat(groups).contains("", "case", "keys", "report", "custody", "chain");
    }

    /** The synopsis line of a command, with the operands of its parents (exhibit custody CASE add). */
    private static Pattern synopsisOf(CommandLine c) {
        StringBuilder re = new StringBuilder("Usage: exhibit");
        for (String name : CommandTree.path(c)) {
            re.append("( [A-Z][A-Z.0-9]*)* ").append(Pattern.quote(name));
        }
        return Pattern.compile(re + "( |$)", Pattern.MULTILINE);
    }

    private static void checkSentences(String where, String line, List<String> fragments) {
        String text = line.replace("%n", "\n").strip();
        for (String paragraph : text.split("\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean ends = p.endsWith(".") || p.endsWith("?") || p.endsWith("!");
            boolean starts = !Character.isLowerCase(p.codePointAt(0));
            if (!ends || !starts) {
                fragments.add(where + ": \"" + p + "\"");
            }
        }
    }

    private static String name(ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 20))
                .replace('\n', ' ');
    }

    private static int widest(String text) {
        return text.lines().mapToInt(String::length).max().orElse(0);
    }
}

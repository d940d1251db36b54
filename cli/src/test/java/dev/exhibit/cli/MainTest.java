package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void version_printsVersionAndCommit() {
        CliRunner.Result r = CliRunner.run("--version");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).containsPattern("exhibit \\S+ \\(commit ([0-9a-f]{40}|unknown)");
    }

    @Test
    void unknownCommand_isAUsageErrorOnOneLine() {
        CliRunner.Result r = CliRunner.run("no-such-command");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("exhibit: usage error:").doesNotContain("\tat ");
    }

    @Test
    void help_worksOnEveryCommandAndSubcommand() {
        java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
        collect(
                Main.commandLine(
                        new java.io.PrintWriter(java.io.Writer.nullWriter()),
                        new java.io.PrintWriter(java.io.Writer.nullWriter())),
                new java.util.ArrayList<>(),
                paths);
        assertThat(paths).hasSizeGreaterThan(15);
        for (java.util.List<String> path : paths) {
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: exhibit " + path.getFirst());
        }
    }

    private static void collect(
            picocli.CommandLine command, java.util.List<String> path, java.util.List<java.util.List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            java.util.List<String> p = new java.util.ArrayList<>(path);
            p.add(name);
            out.add(p);
            // A group with its own operand (custody CASE add) needs it before the subcommand.
            java.util.List<String> inner = new java.util.ArrayList<>(p);
            sub.getCommandSpec().positionalParameters().forEach(x -> inner.add("X"));
            collect(sub, inner, out);
        });
    }

    @Test
    void help_listsEveryCommand() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        for (String name : java.util.List.of(
                "help", "demo", "acquire", "verify", "writeblock", "analyze", "case", "custody", "keys", "report")) {
            assertThat(r.out()).as(name).containsPattern("(?m)^  " + name + " ");
        }
    }

    @Test
    void helpCommand_printsTheHelpOfTheCommandItNames() {
        CliRunner.Result r = CliRunner.run("help", "analyze");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Usage: exhibit analyze");
    }

    @Test
    void reachable_buildsOnlyTheCommandTheArgumentsName() {
        assertThat(Main.reachable(new String[] {"--version"})).isEmpty();
        assertThat(Main.reachable(new String[] {"--debug", "analyze", "files", "x.img"}))
                .containsExactly(AnalyzeCommand.class);
        // the help lists every command, and a mistyped one is compared with all of them
        assertThat(Main.reachable(new String[] {})).hasSize(10);
        assertThat(Main.reachable(new String[] {"--help"})).hasSize(10);
        assertThat(Main.reachable(new String[] {"--debug"})).hasSize(10);
        assertThat(Main.reachable(new String[] {"--version", "--help"})).hasSize(10);
        assertThat(Main.reachable(new String[] {"help", "analyze"})).hasSize(10);
        assertThat(Main.reachable(new String[] {"analyse", "x.img"})).hasSize(10);
    }

    @Test
    void help_listsTheExitStatusPolicy() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Exit status:").contains("130");
    }
}

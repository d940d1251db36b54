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
    void help_listsEveryCommand() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        for (String name : java.util.List.of(
                "help",
                "demo",
                "acquire",
                "verify",
                "writeblock",
                "analyze",
                "case",
                "custody",
                "chain",
                "keys",
                "report")) {
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
        // the help lists every command, and a mistyped one is compared with all of them (counted, not hard-coded:
        // a new command must not break this test)
        assertThat(Main.reachable(new String[] {})).hasSize(Main.COMMANDS.size());
        assertThat(Main.reachable(new String[] {"--help"})).hasSize(Main.COMMANDS.size());
        assertThat(Main.reachable(new String[] {"--debug"})).hasSize(Main.COMMANDS.size());
        assertThat(Main.reachable(new String[] {"--version", "--help"})).hasSize(Main.COMMANDS.size());
        assertThat(Main.reachable(new String[] {"help", "analyze"})).hasSize(Main.COMMANDS.size());
        assertThat(Main.reachable(new String[] {"analyse", "x.img"})).hasSize(Main.COMMANDS.size());
    }

    @Test
    void help_listsTheExitStatusPolicy() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Exit status:").contains("130");
    }

    @Test
    void mistypedOption_suggestsTheNearestOne() {
        assertSuggests(CliRunner.run("acquire", "--spilt", "2GiB", "disk.img", "out"), "'--spilt'", "'--split'");
        assertSuggests(CliRunner.run("verify", "out", "--sourse"), "'--sourse'", "'--source'");
        assertSuggests(
                CliRunner.run("report", "verify", "reports/R-1", "--tsa-caa", "tsa.pem"), "'--tsa-caa'", "'--tsa-ca'");
        assertSuggests(
                CliRunner.run("analyze", "files", "disk.img", "--parition", "2"), "'--parition'", "'--partition'");
        // A password typed on the command line is not repeated in the error.
        CliRunner.Result secret =
                CliRunner.run("keys", "init", "--out", "x.p12", "--subject", "CN=X", "--password", "secret");
        assertSuggests(secret, "'--password'", "'--password-file'");
        assertThat(secret.err()).doesNotContain("secret");
    }

    @Test
    void mistypedSubcommand_suggestsTheNearestOne() {
        assertSuggests(CliRunner.run("analyse", "disk.img"), "'analyse'", "'analyze'");
        assertSuggests(CliRunner.run("report", "biuld", "case"), "'biuld'", "'build'");
        assertSuggests(CliRunner.run("custody", "case", "lsit"), "'lsit'", "'list'");
        assertSuggests(CliRunner.run("analyze", "fiels", "disk.img"), "'fiels'", "'files'");
    }

    @Test
    void unknownSubcommand_farFromAnyName_listsTheChoices() {
        CliRunner.Result r = CliRunner.run("keys", "rotate");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .contains("'rotate'")
                .contains("init, export-cert or import-chain")
                .doesNotContain("did you mean");
    }

    /** One usage error (exit 2): the error line names the mistake and the suggestion, then where to find help. */
    private static void assertSuggests(CliRunner.Result r, String typed, String suggestion) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .as(r.toString())
                .startsWith("exhibit: usage error: ")
                .contains(typed)
                .endsWith("did you mean " + suggestion + "?");
        assertThat(r.err().lines().toList().get(1)).startsWith("Try 'exhibit");
    }
}

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
    void help_listsTheExitStatusPolicy() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Exit status:").contains("130");
    }
}

package dev.exhibit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractStringAssert;

/** The error policy of docs/exit-codes.md, checked on a command's stderr. */
final class OneLineError {
    private OneLineError() {}

    /** The error, checked to be one line without a stack trace, for further assertions. */
    static AbstractStringAssert<?> assertOneLineError(CliRunner.Result r) {
        assertThat(r.err().lines().toList()).as("stderr of %s", r).hasSize(1);
        assertThat(r.err())
                .startsWith("exhibit: error: ")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        return assertThat(r.err().strip());
    }
}

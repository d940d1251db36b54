package dev.exhibit.cli;

import picocli.CommandLine;

/** A command that only groups subcommands ({@code case}, {@code keys}, {@code report}): alone, it prints its usage. */
abstract class GroupCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.exhibit.cli;

import dev.exhibit.core.Invocation;
import picocli.CommandLine;

/** Prints the version and the git commit the tool was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Invocation inv = Main.invocation();
        return new String[] {inv.versionLine(), "Java " + inv.java()};
    }
}

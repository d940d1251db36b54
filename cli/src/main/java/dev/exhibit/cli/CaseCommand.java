package dev.exhibit.cli;

import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.casefile.CaseInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exhibit case init}: creates a case directory (docs/case.md). */
@Command(
        name = "case",
        description = "Create a case directory that holds the custody log, the evidence and the reports.",
        subcommands = {CaseCommand.Init.class})
final class CaseCommand extends GroupCommand {

    @Command(
            name = "init",
            description = {
                "Create CASE with case.json, custody.log.jsonl, evidence/ and reports/.",
                "CASE must not exist or must be empty."
            })
    static final class Init implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CASE", description = "The case directory to create.")
        Path dir;

        @Option(names = "--number", required = true, paramLabel = "N", description = "Case number.")
        String number;

        @Option(names = "--title", required = true, paramLabel = "T", description = "Case title.")
        String title;

        @Option(
                names = "--examiner",
                required = true,
                paramLabel = "NAME",
                description = "Examiner's name; repeat for several examiners.")
        List<String> examiners;

        @Option(names = "--org", paramLabel = "O", description = "The examiners' organisation.")
        String organisation;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CaseInfo info = new CaseInfo(
                    number,
                    title,
                    examiners.stream()
                            .map(name -> new CaseInfo.Examiner(name, organisation))
                            .toList());
            CaseDirectory c = CaseDirectory.init(dir, info, Main.invocation());
            spec.commandLine()
                    .getOut()
                    .println("exhibit: created case " + dev.exhibit.report.text.VisibleText.plain(number) + " in "
                            + c.root() + " (case.json, custody.log.jsonl, evidence/, reports/)");
            return ExitCodes.OK;
        }
    }
}

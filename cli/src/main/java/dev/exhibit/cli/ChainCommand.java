package dev.exhibit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.chain.ChainDiagnosis;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.report.custody.CustodyLog;
import dev.exhibit.report.text.VisibleText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exhibit chain check|continue}: diagnoses a broken hash chain in any of Exhibit's logs, and continues it with
 * a record that says who did it and why, leaving every damaged line where it was.
 */
@Command(
        name = "chain",
        description = "Diagnose a broken hash chain (custody or acquisition log), or continue it without rewriting it.",
        subcommands = {ChainCommand.Check.class, ChainCommand.Continue.class})
final class ChainCommand extends GroupCommand {

    /** The LOG operand both subcommands take: a log, or the case or acquisition directory that holds one. */
    static final class LogOperand {
        @Parameters(
                index = "0",
                paramLabel = "LOG",
                description = "A chained log, or a case or acquisition directory that holds one.")
        Path given;

        Path file() {
            return resolve(given);
        }
    }

    static Path resolve(Path given) {
        if (Files.isDirectory(given)) {
            for (String name : new String[] {CustodyLog.FILE_NAME, AcquisitionLog.FILE_NAME}) {
                if (Files.isRegularFile(given.resolve(name))) {
                    return given.resolve(name);
                }
            }
            throw ExhibitException.usage(given + " holds neither " + CustodyLog.FILE_NAME + " (a case) nor "
                    + AcquisitionLog.FILE_NAME + " (an acquisition)");
        }
        if (!Files.isRegularFile(given)) {
            throw ExhibitException.usage(given + " does not exist");
        }
        return given;
    }

    @Command(
            name = "check",
            description = {
                "Explain every break in the hash chain of a log.",
                "Walk the hash chain of LOG and explain every break: the record on the broken line, what is wrong"
                        + " with it, and the likely cause (a fork from two writers at once, a changed, deleted,"
                        + " inserted or moved line, a torn write).",
                "Exit status 0 when the chain is intact (continued breaks are listed), 1 when a break is not"
                        + " acknowledged.%n"
            })
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        LogOperand log = new LogOperand();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path file = log.file();
            ChainDiagnosis.Result r = ChainDiagnosis.of(file);
            PrintWriter out = spec.commandLine().getOut();
            ChainReport chain = r.chain();
            out.println(
                    VisibleText.plain(file.toString()) + ": " + chain.records() + " lines, head " + chain.headHash());
            for (ChainDiagnosis.Break b : r.breaks()) {
                out.println("  line " + b.line() + " (" + VisibleText.plain(b.record()) + ")"
                        + (b.acknowledgedAt() > 0
                                ? ", acknowledged by line " + b.acknowledgedAt()
                                : ", NOT acknowledged"));
                b.problems().forEach(p -> out.println("    " + VisibleText.plain(p)));
                out.println("    likely cause: " + b.cause());
            }
            chain.continuations().forEach(c -> out.println("  " + VisibleText.plain(c.toString())));
            if (chain.intact()) {
                out.println(chain.continued() ? "Chain: intact as continued (see above)" : "Chain: intact");
                return ExitCodes.OK;
            }
            out.println("Chain: BROKEN at " + chain.problems().size() + " place(s). Nothing is repaired by this"
                    + " command. To record the break and let the log be appended to again, leaving every line as it"
                    + " is:");
            out.println("  exhibit chain continue " + dev.exhibit.core.Invocation.shellQuote(file.toString())
                    + " --reason 'what happened'");
            return ExitCodes.EVIDENCE;
        }
    }

    @Command(
            name = "continue",
            description = {
                "Continue a broken hash chain, changing no line.",
                "Append a chain-continued record to a log whose chain is broken: it lists every break (line, the"
                        + " SHA-256 of the line and of the one before it), who continues the chain and why. No line"
                        + " is changed or removed; every later check reports the chain as continued, not intact.",
                "Refused when the chain has no unacknowledged break.%n"
            })
    static final class Continue implements Callable<Integer> {
        @CommandLine.Mixin
        LogOperand log = new LogOperand();

        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "Why the chain broke and why it is continued; recorded in the chain.")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (reason.isBlank()) {
                throw ExhibitException.usage("--reason must say why the chain is continued");
            }
            Path file = log.file();
            ObjectNode body = Jcs.object();
            body.put("reason", reason);
            body.set("invocation", Main.invocation().toJson());
            ChainReport.Continuation c = ChainedLog.continueAfterBreak(file, body);
            spec.commandLine()
                    .getOut()
                    .println("exhibit: " + VisibleText.plain(file.toString()) + ": " + VisibleText.plain(c.toString())
                            + "; no line was changed");
            return ExitCodes.OK;
        }
    }
}

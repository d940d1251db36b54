package dev.exhibit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.evidence.CustodyAnchors;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.custody.CustodyEvent;
import dev.exhibit.report.custody.CustodyEventType;
import dev.exhibit.report.custody.CustodyLog;
import dev.exhibit.report.custody.EventTime;
import dev.exhibit.report.text.VisibleText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code exhibit custody CASE add|list}: records and lists chain-of-custody events. */
@Command(
        name = "custody",
        description = "Record or list the chain-of-custody events of a case (custody.log.jsonl).",
        subcommands = {CustodyCommand.Add.class, CustodyCommand.ListEvents.class, CustodyCommand.RecordAcquisition.class
        })
final class CustodyCommand extends GroupCommand {
    /** Optional to picocli, so that {@code custody add --help} works; every subcommand requires it ({@link #open}). */
    @Parameters(
            index = "0",
            arity = "0..1",
            hideParamSyntax = true,
            paramLabel = "CASE",
            description = "The case directory.")
    Path caseDir;

    /** The case, for a subcommand; a usage error showing where CASE goes when it was not given. */
    CaseDirectory open(CommandLine.Model.CommandSpec subcommand) throws java.io.IOException {
        if (caseDir == null) {
            throw new CommandLine.ParameterException(
                    subcommand.commandLine(),
                    "missing CASE, the case directory; it goes before the subcommand: exhibit custody CASE "
                            + subcommand.name() + " ...");
        }
        return CaseDirectory.open(caseDir);
    }

    /** The handling types an examiner records; acquire, report and case-open are written by Exhibit itself. */
    enum HandlingType {
        SEIZE,
        RECEIVE,
        TRANSFER,
        STORE,
        ACCESS,
        RETURN,
        DISPOSE;

        CustodyEventType type() {
            return CustodyEventType.valueOf(name());
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Command(
            name = "add",
            description = {
                "Append one event to the custody log, hash-chained to the events before it.",
                "--at is when it happened (UTC with Z, or an explicit offset, e.g. 2026-11-21T14:40:00+01:00);"
                        + " default now."
            })
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CustodyCommand parent;

        @Option(
                names = "--type",
                required = true,
                paramLabel = "TYPE",
                description = "One of: ${COMPLETION-CANDIDATES}.")
        HandlingType type;

        @Option(names = "--item", required = true, paramLabel = "ID", description = "Evidence item id, e.g. EV-001.")
        String item;

        @Option(names = "--from", required = true, paramLabel = "PERSON", description = "Who handed the item over.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "PERSON", description = "Who received it.")
        String to;

        @Option(names = "--location", required = true, paramLabel = "L", description = "Where it happened.")
        String location;

        @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "Why.")
        String purpose;

        @Option(names = "--seal", paramLabel = "N", description = "Seal number.")
        String seal;

        @Option(names = "--condition", paramLabel = "TEXT", description = "Condition of item and seal.")
        String condition;

        @Option(names = "--at", paramLabel = "TIME", description = "When it happened, ISO 8601 with zone.")
        String at;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CaseDirectory c = parent.open(spec);
            EventTime when = at == null ? EventTime.now() : EventTime.parse(at, Instant.now());
            CustodyEvent event =
                    new CustodyEvent(type.type(), item, from, to, location, purpose, seal, condition, when);
            CustodyLog.Appended a = c.custody().append(event, Main.invocation());
            spec.commandLine()
                    .getOut()
                    .println("exhibit: recorded " + type + " of " + item + " at " + when.utcText() + " as line "
                            + a.line() + " (seq " + (a.line() - 1) + ") of "
                            + c.custody().file() + " (line SHA-256 "
                            + a.lineHash() + ")");
            return ExitCodes.OK;
        }
    }

    /** The command that records an acquisition of {@code item} in the custody log of the case at {@code root}. */
    static String recordCommand(Path root, String item) {
        return "exhibit custody " + Invocation.shellQuote(root.toString()) + " record-acquisition --item "
                + Invocation.shellQuote(item);
    }

    @Command(
            name = "record-acquisition",
            description = {
                "Record an acquisition in the custody log when it could not be recorded as it ended.",
                "Append the acquire event of an item whose acquisition could not be recorded when it ended (the"
                        + " custody log was broken or busy): it quotes the acquisition log's record count, head hash"
                        + " and hashes as they are now, and says when it was recorded.",
                "Refused when an acquire event already anchors the log as it stands.%n"
            })
    static final class RecordAcquisition implements Callable<Integer> {
        @ParentCommand
        CustodyCommand parent;

        @Option(names = "--item", required = true, paramLabel = "ID", description = "The evidence item, e.g. EV-001.")
        String item;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CaseDirectory c = parent.open(spec);
            Path log = c.existingEvidenceDirectory(item).resolve(AcquisitionLog.FILE_NAME);
            if (!Files.isRegularFile(log)) {
                throw ExhibitException.usage(
                        "item " + item + " has no acquisition log in " + c.root() + " (" + log + " is missing)");
            }
            AcquisitionLog now = AcquisitionLog.read(log);
            for (CustodyLog.Entry e : c.custody().read().entries()) {
                JsonNode r = e.record();
                if (r != null
                        && "acquire".equals(r.path("type").asText())
                        && item.equals(r.path("item").asText())
                        && r.path("logRecords").asLong() == now.records()
                        && r.path("logHeadHash").asText().equals(now.headHash())) {
                    throw ExhibitException.usage("the acquisition of " + VisibleText.plain(item)
                            + " is already recorded as it stands, by line " + e.line() + " of "
                            + c.custody().file());
                }
            }
            CustodyLog.Appended a = c.recordAcquisition(item, log, Main.invocation());
            spec.commandLine()
                    .getOut()
                    .println("exhibit: recorded the acquisition of " + VisibleText.plain(item) + " as line "
                            + a.line() + " (seq " + (a.line() - 1) + ") of "
                            + c.custody().file() + " (line SHA-256 "
                            + a.lineHash()
                            + ")");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Show every custody event and whether the hash chain is intact.")
    static final class ListEvents implements Callable<Integer> {
        @ParentCommand
        CustodyCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CaseDirectory c = parent.open(spec);
            CustodyLog.Listing listing = c.custody().read();
            PrintWriter out = spec.commandLine().getOut();
            for (CustodyLog.Entry e : listing.entries()) {
                print(out, e);
            }
            ChainReport chain = listing.chain();
            for (ChainReport.Continuation k : chain.continuations()) {
                out.println("Continued: " + VisibleText.plain(k.toString()));
            }
            boolean ok = chain.intact();
            if (ok) {
                out.println("Chain: " + (chain.continued() ? "intact as continued past a break" : "intact") + ", "
                        + chain.records() + " events, head " + chain.headHash());
            } else {
                out.println("Chain: BROKEN (" + chain.problems().size() + " problem(s)) in "
                        + c.custody().file());
                for (ChainReport.Problem p : chain.problems()) {
                    out.println("  " + VisibleText.plain(p.toString()));
                }
                out.println(
                        "  explain it with: exhibit chain check " + Invocation.shellQuote(parent.caseDir.toString()));
            }
            List<Anchor> anchors = CustodyAnchors.all(c.root());
            out.println("Anchors (what the events quote, checked against the files now):");
            for (Anchor a : anchors) {
                String label = switch (a.verdict()) {
                    case MATCH -> "matches     ";
                    case DIFFERS -> "DIFFERS     ";
                    case UNANCHORED -> "not anchored";
                };
                out.println("  " + label + " " + VisibleText.plain(a.toString()));
                ok &= a.verdict() != Anchor.Verdict.DIFFERS;
            }
            return ok ? ExitCodes.OK : ExitCodes.EVIDENCE;
        }

        private static void print(PrintWriter out, CustodyLog.Entry e) {
            JsonNode r = e.record();
            if (r == null) {
                out.println("[line " + e.line() + "] unreadable");
                return;
            }
            String type = r.path("type").asText();
            StringBuilder sb = new StringBuilder();
            sb.append("[line ")
                    .append(e.line())
                    .append(", seq ")
                    .append(s(r.path("seq").asText()))
                    .append("] ")
                    .append(s(type))
                    .append("  ");
            sb.append(s(r.path("at").asText(r.path("time").asText())));
            if (r.path("atAsGiven").isTextual()) {
                sb.append(" (entered as ")
                        .append(s(r.path("atAsGiven").asText()))
                        .append(')');
            }
            if (r.path("item").isTextual()) {
                sb.append("  item ").append(s(r.path("item").asText()));
            }
            out.println(sb);
            if (r.path("from").isTextual()) {
                out.println("    from " + s(r.path("from").asText()) + " to "
                        + s(r.path("to").asText()) + " at "
                        + s(r.path("location").asText()));
                out.println("    purpose: " + s(r.path("purpose").asText())
                        + (r.path("seal").isTextual()
                                ? "; seal " + s(r.path("seal").asText())
                                : "")
                        + (r.path("condition").isTextual()
                                ? "; condition: " + s(r.path("condition").asText())
                                : ""));
            }
            switch (type) {
                case "case-open" ->
                    out.println("    case file SHA-256 "
                            + s(r.path("caseFileSha256").asText()));
                case "acquire" ->
                    out.println("    acquisition log " + s(r.path("log").asText()) + ": "
                            + r.path("logRecords").asText() + " records, head "
                            + s(r.path("logHeadHash").asText())
                            + ", status " + s(r.path("status").asText()));
                case "chain-continued" ->
                    out.println("    continued the hash chain past a break; reason: "
                            + s(r.path("reason").asText()));
                case "report" ->
                    out.println("    report " + s(r.path("reportId").asText()) + ", record SHA-256 "
                            + s(r.path("recordSha256").asText()));
                default -> {}
            }
            JsonNode inv = r.path("invocation");
            out.println("    recorded " + s(r.path("time").asText()) + " by "
                    + s(inv.path("user").asText("?")) + "@" + s(inv.path("host").asText("?")));
        }

        private static String s(String text) {
            return VisibleText.plain(text);
        }
    }
}

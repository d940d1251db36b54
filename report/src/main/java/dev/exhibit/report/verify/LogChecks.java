package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every chained log a record covers: the chain walks intact from the first line to the last, and the line the
 * record calls the head (line {@code records}) hashes to the head hash the record quotes, with no break below it that
 * only a later continuation acknowledges ({@link ChainReport#breakWithin}). Lines appended after the
 * report are allowed (a later event, a later verification) and reported as not covered.
 */
final class LogChecks {
    private LogChecks() {}

    static void check(Path caseRoot, JsonNode record, List<Check> out) throws IOException {
        for (JsonNode l : record.path("logs")) {
            String file = l.path("file").asText();
            long covered = l.path("records").asLong();
            String head = l.path("headHash").asText();
            Path path = caseRoot.resolve(file).normalize();
            if (!path.startsWith(caseRoot.normalize()) || file.isEmpty()) {
                out.add(Check.fail(file, "record.json names a log outside the case directory"));
                continue;
            }
            if (!Files.isRegularFile(path)) {
                out.add(Check.fail(file, "missing from the case directory " + caseRoot));
                continue;
            }
            List<String> hashes = new ArrayList<>();
            ChainReport report = ChainVerifier.verify(path, e -> hashes.add(e.sha256()));
            int before = out.size();
            for (ChainReport.Problem p : report.problems()) {
                out.add(Check.fail(file, "line " + p.line() + ": " + p.message()));
            }
            if (hashes.size() < covered) {
                out.add(Check.fail(
                        file,
                        "has " + hashes.size() + " complete lines, but the record covers " + covered
                                + ": lines were removed"));
            } else if (covered > 0 && !hashes.get((int) covered - 1).equals(head)) {
                out.add(Check.fail(
                        file,
                        "line " + covered + " has SHA-256 " + hashes.get((int) covered - 1)
                                + ", but the record quotes " + head + " as the head of the " + covered
                                + " lines it covers: the log was changed"));
            } else if (report.intact() && report.breakWithin(covered).isPresent()) {
                out.add(Check.fail(
                        file,
                        "line " + covered + " still hashes to the head the record quotes (" + head + "), but "
                                + report.breakWithin(covered).get()
                                + ": the lines before the break are not those the record covers"));
            }
            if (out.size() == before) {
                for (ChainReport.Continuation c : report.continuations()) {
                    out.add(Check.warn(file, "the chain was broken and is continued, not intact as written: " + c));
                }
                out.add(Check.pass(
                        file,
                        (report.continued() ? "hash chain intact as continued" : "hash chain intact") + "; line "
                                + covered + " is the head the record quotes (" + head + ")"));
                if (hashes.size() > covered) {
                    out.add(Check.info(
                            file,
                            (hashes.size() - covered) + " later line(s), appended after this report,"
                                    + " are not covered by it"));
                }
            }
        }
    }

    /**
     * Re-chains the custody events embedded in the record itself: each event's canonical form hashes to the next
     * event's {@code prev}, and the last to the quoted head. Holds without the case directory, so a record handed
     * over alone still proves its custody list is one unbroken chain.
     */
    static void embeddedCustody(JsonNode record, List<Check> out) {
        String subject = "custody events in record.json";
        List<byte[]> lines = new ArrayList<>();
        record.path("custody").path("events").forEach(e -> lines.add(Jcs.canonicalBytes(e)));
        ChainReport chain = ChainVerifier.verifyLines(lines);
        if (!chain.intact()) {
            ChainReport.Problem p = chain.problems().getFirst();
            out.add(Check.fail(
                    subject,
                    "/custody/events/" + (p.line() - 1) + " does not follow the event before it (" + p.message()
                            + "): the event list was edited"));
            return;
        }
        String head = record.path("custody").path("log").path("headHash").asText();
        if (!lines.isEmpty() && !chain.headHash().equals(head)) {
            out.add(Check.fail(
                    subject, "the last event hashes to " + chain.headHash() + ", not the quoted head " + head));
            return;
        }
        for (ChainReport.Continuation c : chain.continuations()) {
            out.add(Check.warn(subject, "the custody chain was broken and is continued: event " + c));
        }
        out.add(Check.pass(
                subject,
                lines.size() + " events form " + (chain.continued() ? "a continued" : "an unbroken")
                        + " hash chain ending at the quoted head"));
    }
}

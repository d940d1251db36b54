package dev.exhibit.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.Anchor.Verdict;
import dev.exhibit.core.evidence.CustodyAnchors.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An item's acquisition log against the {@code acquire} events that anchor it: line {@code logRecords} of the log must
 * still hash to {@code logHeadHash} with no break below it ({@link ChainReport#breakWithin}), and the hashes the event
 * quotes must be those of the log's {@code end} record.
 */
final class AcquireAnchor {
    private AcquireAnchor() {}

    /** @param known the item's acquisition log when the caller has read it already, else null (it is read here) */
    static List<Anchor> check(Path caseRoot, String id, List<Event> events, AcquisitionLog known) throws IOException {
        String file = CaseLayout.EVIDENCE + "/" + id + "/" + AcquisitionLog.FILE_NAME;
        Path log = caseRoot.resolve(file);
        List<Anchor> out = new ArrayList<>();
        if (events.isEmpty()) {
            out.add(new Anchor(
                    file,
                    0,
                    Verdict.UNANCHORED,
                    "no acquire event in " + CaseLayout.CUSTODY_LOG + " quotes this log's head: nothing outside it"
                            + " shows that it is the log written when item " + id + " was acquired (record it with"
                            + " 'exhibit custody CASE record-acquisition --item " + id + "')"));
            return out;
        }
        if (!Files.isRegularFile(log)) {
            for (Event e : events) {
                out.add(new Anchor(
                        file,
                        e.line(),
                        Verdict.DIFFERS,
                        CaseLayout.CUSTODY_LOG + " line " + e.line() + " anchors it, but the file is missing"));
            }
            return out;
        }
        AcquisitionLog read = known != null ? known : AcquisitionLog.read(log);
        List<ChainVerifier.Entry> entries = read.entries();
        List<String> lineHashes =
                entries.stream().map(ChainVerifier.Entry::sha256).toList();
        List<JsonNode> records = new ArrayList<>();
        entries.forEach(e -> records.add(e.record()));
        for (Event e : events) {
            out.add(one(file, e, lineHashes, records, read.chain()));
        }
        return out;
    }

    private static Anchor one(
            String file, Event e, List<String> lineHashes, List<JsonNode> records, ChainReport chain) {
        JsonNode event = e.record();
        long n = event.path("logRecords").asLong(-1);
        String quoted = event.path("logHeadHash").asText();
        String where = CaseLayout.CUSTODY_LOG + " line " + e.line() + " (acquire event of "
                + event.path("at").asText("?") + ") anchors the first " + n + " lines of this log with head " + quoted;
        if (n < 1 || n > lineHashes.size()) {
            return new Anchor(
                    file,
                    e.line(),
                    Verdict.DIFFERS,
                    where + ", but the log now has " + lineHashes.size() + " lines: lines were removed");
        }
        String actual = lineHashes.get((int) n - 1);
        if (!actual.equals(quoted)) {
            return new Anchor(
                    file,
                    e.line(),
                    Verdict.DIFFERS,
                    where + ", but line " + n + " now hashes to " + actual
                            + ": the acquisition log was changed or rewritten after the acquisition was recorded");
        }
        Optional<String> broken = chain.breakWithin(n);
        if (broken.isPresent()) {
            return new Anchor(
                    file,
                    e.line(),
                    Verdict.DIFFERS,
                    where + ", and line " + n + " still hashes to it, but " + broken.get()
                            + ": the lines before the break are not those anchored");
        }
        JsonNode end = lastEnd(records.subList(0, (int) n));
        JsonNode hashes = event.path("hashes");
        if (hashes.isObject()) {
            for (var h : hashes.properties()) {
                String logged =
                        end == null ? null : end.path("hashes").path(h.getKey()).asText(null);
                if (!h.getValue().asText().equals(logged)) {
                    return new Anchor(
                            file,
                            e.line(),
                            Verdict.DIFFERS,
                            CaseLayout.CUSTODY_LOG + " line " + e.line() + " records " + h.getKey() + " "
                                    + h.getValue().asText() + ", but the acquisition log's end record gives "
                                    + logged);
                }
            }
        }
        return new Anchor(file, e.line(), Verdict.MATCH, where + ": matches");
    }

    private static JsonNode lastEnd(List<JsonNode> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            JsonNode r = records.get(i);
            if (r != null && "end".equals(r.path("type").asText())) {
                return r;
            }
        }
        return null;
    }
}

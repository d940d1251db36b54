package dev.exhibit.acquire.log;

import static dev.exhibit.acquire.log.RecordPage.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The record's Bad sectors section: how many, what fills them, and every logged range in sectors and in bytes, both
 * ends included (as Guymager lists {@code 300-11556}, with the bytes beside so no one has to multiply).
 */
final class BadSectorText {
    private BadSectorText() {}

    static void render(RecordPage page, AcquisitionLog log, JsonNode end) {
        page.heading("Bad sectors");
        List<ChainVerifier.Entry> ranges = log.entries("bad-range");
        long logged = 0;
        for (ChainVerifier.Entry e : ranges) {
            logged += e.record().path("sectorCount").asLong();
        }
        long count = end != null ? end.path("badSectorCount").asLong(logged) : logged;
        String fill = end != null
                ? text(end, "fill")
                : log.first("start").map(s -> text(s.path("options"), "fill")).orElse(RecordPage.NOT_LOGGED);
        if (count == 0 && ranges.isEmpty()) {
            page.line(2, end != null ? "None: every sector was read." : "None so far.");
            return;
        }
        long sectorBytes = ranges.isEmpty()
                ? 0
                : ranges.getFirst().record().path("sectorBytes").asLong();
        page.line(
                2,
                RecordPage.count(count, "sector") + (sectorBytes > 0 ? " (" + count * sectorBytes + " bytes)" : "")
                        + " could not be read" + (end == null ? " so far" : "") + "; the image holds " + fill
                        + (count == 1 ? " in its place." : " in their place."));
        page.line(
                2,
                "In " + RecordPage.count(ranges.size(), "range")
                        + (sectorBytes > 0 ? " of " + sectorBytes + "-byte sectors" : "") + ", both ends included:");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Sectors", "Count", "Bytes", "Error", "Retries", "Log line"));
        for (ChainVerifier.Entry e : ranges) {
            JsonNode r = e.record();
            long byteOffset = r.path("byteOffset").asLong();
            rows.add(List.of(
                    text(r, "firstSector") + "-" + text(r, "lastSector"),
                    text(r, "sectorCount"),
                    byteOffset + "-" + (byteOffset + r.path("lengthBytes").asLong() - 1),
                    text(r, "error"),
                    text(r, "retries"),
                    String.valueOf(e.line())));
        }
        page.table(4, rows);
        page.line(2, "The map of every sector read, failed or not tried is badsectors.map (GNU ddrescue format).");
    }
}

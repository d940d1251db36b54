package dev.exhibit.acquire.log;

import static dev.exhibit.acquire.log.RecordPage.NOT_LOGGED;
import static dev.exhibit.acquire.log.RecordPage.bytes;
import static dev.exhibit.acquire.log.RecordPage.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.evidence.AcquisitionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of the acquisition record: what Guymager's {@code .info} and FTK Imager's {@code .txt} hold (case, tool,
 * source device, write blocking, options, times, image files, hashes, bad sectors, verifications), read from the log
 * alone. The source and the device sections are in {@link SourceText}.
 */
final class RecordText {
    private RecordText() {}

    static String render(AcquisitionLog log) {
        RecordPage page = new RecordPage();
        JsonNode start = log.first("start").orElse(null);
        JsonNode end = log.last("end").orElse(null);
        header(page, log);
        status(page, log);
        if (start == null) {
            page.heading("The log has no start record: there is nothing more to read from it.");
            return page.toString();
        }
        caseFields(page, start.path("case"));
        tool(page, start.path("invocation"));
        log.first("source")
                .ifPresentOrElse(
                        s -> SourceText.render(page, s, log),
                        () -> page.heading("Source")
                                .line(2, "The log has no source record: the run stopped before it read the source."));
        options(page, start.path("options"));
        RunText.render(page, log, end);
        imageFiles(page, log, start, end);
        hashes(page, log, start, end);
        BadSectorText.render(page, log, end);
        VerificationText.render(page, log, end);
        return page.toString();
    }

    private static void header(RecordPage page, AcquisitionLog log) {
        page.line(0, "EXHIBIT ACQUISITION RECORD")
                .line(
                        0,
                        "A plain-text reading of " + AcquisitionLog.FILE_NAME + ", made from its lines 1 to "
                                + log.records() + ". The log's head (the SHA-256 of line " + log.records() + ") was:")
                .line(2, String.valueOf(log.headHash()))
                .line(
                        0,
                        "The log is the record of truth: it is hash-chained, and 'exhibit verify' on this directory"
                                + " checks it and the image")
                .line(
                        0,
                        "files against it. This file is derived from it, written again at the end of every run,"
                                + " resume and verification,")
                .line(0, "and is not itself protected: where the two differ, the log holds.")
                .line(
                        0,
                        "Times are UTC. Log lines are counted from 1, as 'sed -n 5p' counts them. Sectors and bytes"
                                + " are counted from 0;")
                .line(0, "ranges include both ends. 1 KiB = 1024 bytes, 1 MiB = 1024 KiB, 1 GiB = 1024 MiB.");
    }

    private static void status(RecordPage page, AcquisitionLog log) {
        page.heading("Status");
        page.field(
                "Acquisition",
                switch (log.status()) {
                    case "complete" -> "complete";
                    case "failed" ->
                        "stopped before the end (a failure is logged; see Runs); 'exhibit acquire --resume'"
                                + " continues it";
                    default ->
                        "incomplete: the last run stopped without logging why (killed, or a power loss);"
                                + " 'exhibit acquire --resume' continues it";
                });
        ChainReport chain = log.chain();
        if (chain.intact()) {
            page.field(
                    "Log chain",
                    (chain.continued() ? "intact as continued past a break, " : "intact, ")
                            + RecordPage.count(log.records(), "record"));
            chain.continuations().forEach(c -> page.line(4, "log " + c));
        } else {
            page.field(
                    "Log chain",
                    "BROKEN (" + RecordPage.count(chain.problems().size(), "problem")
                            + "): do not rely on this record");
            chain.problems().forEach(p -> page.line(4, "log " + p));
        }
    }

    private static void caseFields(RecordPage page, JsonNode c) {
        page.heading("Case")
                .field("Case number", text(c, "caseNumber"))
                .field("Evidence number", text(c, "evidenceNumber"))
                .field("Examiner", text(c, "examiner"))
                .field("Description", text(c, "description"))
                .field("Notes", text(c, "notes"));
    }

    private static void tool(RecordPage page, JsonNode inv) {
        String build = "commit " + text(inv, "commit")
                + (inv.path("dirty").asText().equals("true") ? ", built with uncommitted changes" : "");
        page.heading("Tool")
                .field("Tool", text(inv, "tool") + " " + text(inv, "version") + " (" + build + ")")
                .field("Command line", text(inv, "commandLine"))
                .field("Host", text(inv, "host") + ", " + text(inv, "os"))
                .field("User", text(inv, "user"))
                .field("Java", text(inv, "java"))
                .field("Host time zone", text(inv, "hostTimeZone") + " (times here are UTC all the same)")
                .field("Process id", text(inv, "pid"));
    }

    private static void options(RecordPage page, JsonNode o) {
        List<String> hashes = new ArrayList<>();
        o.path("hashes").forEach(h -> hashes.add(h.asText()));
        JsonNode e01 = o.path("e01");
        String format = e01.isObject()
                ? "E01 (image.E01, image.E02, ..., EnCase 6 layout), " + text(e01, "compression")
                        + " compression, chunks of " + text(e01, "sectorsPerChunk") + " sectors ("
                        + bytes(e01.path("chunkBytes")) + "), segment files of at most "
                        + bytes(e01.path("segmentBytes")) + "; MD5 and SHA-1 stored inside, SHA-256 in this log only"
                : o.path("splitBytes").canConvertToLong()
                        ? "split raw (image.001, image.002, ...), segments of " + bytes(o.path("splitBytes"))
                        : "raw (one image.raw)";
        page.heading("Options")
                .field("Hashes", String.join(", ", hashes))
                .field("Image format", format)
                .field("Hash window", bytes(o.path("windowBytes")) + ", a SHA-256 of each")
                .field(
                        "Read sizes",
                        "blocks of " + bytes(o.path("readBlockBytes")) + ", clusters of "
                                + bytes(o.path("clusterBytes")) + " after a read error")
                .field("Retries", text(o, "retries") + " more reads of each unreadable sector")
                .field("Fill", text(o, "fill") + " in place of each unreadable sector")
                .field(
                        "Bad-sector limit",
                        o.path("maxBadSectors").canConvertToLong()
                                ? "stop after " + o.path("maxBadSectors").asLong() + " unreadable sectors"
                                : "none")
                .field(
                        "Write-block check",
                        o.path("writeBlockCheck").asBoolean(true) ? "on" : "OFF (--no-writeblock-check)")
                .field("Direct I/O", o.path("directIo").asBoolean(true) ? "on" : "off (--no-direct-io)");
    }

    private static void imageFiles(RecordPage page, AcquisitionLog log, JsonNode start, JsonNode end) {
        page.heading("Image files");
        if (end == null) {
            long covered = AcquisitionLog.coveredBytes(log.windowsFromStart(
                    start.path("options").path("windowBytes").asLong(),
                    log.first("source").map(s -> s.path("sizeBytes").asLong()).orElse(0L)));
            page.line(2, "Not complete: logged windows cover the image from byte 0 to " + covered + " bytes.");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("File", "Bytes", "Image bytes", "SHA-256 of the file"));
        List<ChainVerifier.Entry> segments = log.entries("segment");
        if (end != null && segments.isEmpty()) {
            end.path("files")
                    .forEach(f -> rows.add(List.of(
                            f.asText(),
                            text(end, "bytesAcquired"),
                            "0-" + (end.path("bytesAcquired").asLong() - 1),
                            "(the whole image: see Hashes)")));
        }
        for (ChainVerifier.Entry e : segments) {
            JsonNode s = e.record();
            if (s.has("fileBytes")) {
                // an E01 segment: compressed chunks, not a byte range of the image
                rows.add(List.of(
                        text(s, "file"),
                        text(s, "fileBytes"),
                        "(E01 chunks)",
                        text(s, "sha256") + " (log line " + e.line() + ")"));
                continue;
            }
            long from = s.path("byteOffset").asLong();
            rows.add(List.of(
                    text(s, "file"),
                    text(s, "lengthBytes"),
                    from + "-" + (from + s.path("lengthBytes").asLong() - 1),
                    text(s, "sha256") + " (log line " + e.line() + ")"));
        }
        if (rows.size() > 1) {
            page.table(2, rows);
        }
    }

    private static void hashes(RecordPage page, AcquisitionLog log, JsonNode start, JsonNode end) {
        page.heading("Hashes of the image (over exactly the bytes written, fill included)");
        if (end == null) {
            page.line(2, "None yet: whole-image hashes are logged when the acquisition completes.");
        } else {
            end.path("hashes")
                    .properties()
                    .forEach(h -> page.field(algorithm(h.getKey()), h.getValue().asText()));
        }
        page.field(
                "Piecewise",
                log.all("window").size() + " SHA-256 (one per window of "
                        + bytes(start.path("options").path("windowBytes")) + "), in the log");
    }

    /** {@code sha256} as people write it: {@code SHA-256}. */
    static String algorithm(String id) {
        return switch (id) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> id.toUpperCase(Locale.ROOT);
        };
    }

    static String orNotLogged(JsonNode n) {
        return n == null || n.isMissingNode() ? NOT_LOGGED : n.asText();
    }
}

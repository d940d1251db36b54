package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.image.ImageFormat;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.evidence.Anchor;
import dev.exhibit.core.evidence.CaseLayout;
import dev.exhibit.core.evidence.CustodyAnchors;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the log holds that a verification needs. */
record LoggedAcquisition(
        AcquisitionLog log, JsonNode start, JsonNode source, JsonNode end, List<String> notes, List<Anchor> anchors) {

    static LoggedAcquisition read(Path outDir, List<X509Certificate> tsaAnchors) throws IOException {
        Path file = outDir.resolve(AcquisitionLogWriter.FILE_NAME);
        if (Files.notExists(outDir)) {
            throw new NoSuchFileException(outDir.toString());
        }
        if (!Files.isDirectory(outDir)) {
            throw ExhibitException.usage(outDir + " is not a directory nor an E01 file; give the output directory of an"
                    + " acquisition or the first segment file of an E01 set");
        }
        if (!Files.isRegularFile(file)) {
            throw ExhibitException.usage(outDir + " holds no " + AcquisitionLogWriter.FILE_NAME
                    + "; is it an acquisition's output directory?");
        }
        AcquisitionLog log = AcquisitionLog.read(file);
        JsonNode start = log.first("start")
                .orElseThrow(() -> ExhibitException.evidence(file + ": no start record; cannot tell what to check"));
        JsonNode source = log.first("source")
                .orElseThrow(() -> ExhibitException.evidence(file + ": no source record; cannot tell the size"));
        JsonNode end = log.last("end").orElse(null);
        List<String> notes = new ArrayList<>();
        if (end == null) {
            notes.add("the acquisition did not complete (status " + log.status() + "); only its logged windows"
                    + " can be checked");
        }
        return new LoggedAcquisition(log, start, source, end, notes, anchors(outDir, log, start, tsaAnchors));
    }

    /**
     * What vouches for the log from outside it: the custody log of the case it belongs to, and its time stamps. When
     * nothing does, an {@code unanchored} entry says so, since a rewrite of the whole log with the image would then
     * verify as well as the original.
     */
    private static List<Anchor> anchors(Path outDir, AcquisitionLog log, JsonNode start, List<X509Certificate> ta)
            throws IOException {
        List<Anchor> anchors = new ArrayList<>();
        Optional<Path> caseRoot = CaseLayout.caseOf(outDir);
        if (caseRoot.isPresent()) {
            anchors.addAll(CustodyAnchors.item(
                    caseRoot.get(),
                    outDir.toAbsolutePath().normalize().getFileName().toString(),
                    log));
        }
        List<Anchor> stamps = TimeStampAnchors.check(log, ta);
        anchors.addAll(stamps);
        String asked = start.path("options").path("timeStampAuthority").asText(null);
        if (stamps.isEmpty() && asked != null) {
            anchors.add(new Anchor(
                    AcquisitionLog.FILE_NAME,
                    0,
                    Anchor.Verdict.UNANCHORED,
                    "the acquisition asked " + asked + " for a time stamp, but the log holds none: the request"
                            + " failed, or the log was cut back after it (time-stamp it now with 'exhibit verify DIR"
                            + " --tsa URL')"));
        } else if (anchors.isEmpty()) {
            anchors.add(new Anchor(
                    AcquisitionLog.FILE_NAME,
                    0,
                    Anchor.Verdict.UNANCHORED,
                    "nothing outside the log vouches for it (not acquired into a case, not time-stamped): a rewrite"
                            + " of the whole log together with the image could not be told from the original;"
                            + " time-stamp it with 'exhibit verify DIR --tsa URL', or keep its head hash elsewhere"));
        }
        return anchors;
    }

    long sizeBytes() {
        return source.path("sizeBytes").asLong();
    }

    /** The image bytes the logged windows cover from byte 0 without a gap. */
    long loggedWindowBytes() {
        long window = start.path("options").path("windowBytes").asLong();
        return AcquisitionLog.coveredBytes(log.windowsFromStart(window, sizeBytes()));
    }

    /** Whether the image is an E01 set, checked as a set rather than read as raw files. */
    boolean e01() {
        return ImageFormat.E01.id().equals(start.path("options").path("format").asText());
    }

    ImageLayout layout(Path outDir) {
        JsonNode o = start.path("options");
        return ImageLayout.of(
                outDir,
                sizeBytes(),
                o.path("splitBytes").asLong(0),
                source.path("logicalSectorBytes").asInt(512));
    }

    Pipeline.Config config() {
        JsonNode o = start.path("options");
        List<HashAlgorithm> algs = new ArrayList<>();
        o.path("hashes").forEach(h -> algs.add(HashAlgorithm.fromId(h.asText())));
        return new Pipeline.Config(
                algs, o.path("windowBytes").asLong(), o.path("splitBytes").asLong(0));
    }

    int retries() {
        return start.path("options").path("retries").asInt(0);
    }

    FillPattern fill() {
        return FillPattern.parse(start.path("options").path("fill").asText("zeros"));
    }

    VerifySink sink() {
        return new VerifySink(log.entries("window"), log.entries("segment"));
    }

    List<Mismatch> compareHashes(Map<HashAlgorithm, String> hashes) {
        List<Mismatch> out = new ArrayList<>();
        if (end == null) {
            return out;
        }
        long line = log.entries("end").getLast().line();
        end.path("hashes").properties().forEach(e -> {
            String actual = hashes.get(HashAlgorithm.fromId(e.getKey()));
            if (actual != null && !actual.equals(e.getValue().asText())) {
                out.add(new Mismatch(
                        e.getKey() + " of the whole image",
                        0,
                        sizeBytes(),
                        e.getValue().asText(),
                        actual,
                        line));
            }
        });
        return out;
    }

    VerifyReport record(
            String scope,
            Path outDir,
            Path read,
            Invocation invocation,
            Map<HashAlgorithm, String> hashes,
            List<Mismatch> mismatches,
            List<String> notes,
            long bytesRead,
            VerifySink sink,
            Path sourcePath)
            throws IOException {
        ChainReport chain = log.chain();
        List<String> problems = chain.problems().stream().map(Object::toString).toList();
        Map<String, String> expected = new LinkedHashMap<>();
        if (end != null) {
            end.path("hashes")
                    .properties()
                    .forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
        }
        boolean ok = problems.isEmpty()
                && end != null
                && mismatches.isEmpty()
                && anchors.stream().noneMatch(a -> a.differs());
        String recorded;
        if (!problems.isEmpty()) {
            recorded = "not recorded: the log's chain is broken, and a broken log is never extended ("
                    + ChainReport.remedy(log.file()) + ")";
        } else {
            ObjectNode v = Jcs.object();
            v.put("scope", scope);
            if (sourcePath != null) {
                v.put("source", sourcePath.toString());
            }
            v.set("invocation", invocation.toJson());
            ObjectNode h = v.putObject("hashes");
            hashes.forEach((a, x) -> h.put(a.id(), x));
            v.put("verdict", ok ? "match" : "mismatch");
            ArrayNode list = v.putArray("mismatches");
            mismatches.forEach(m -> list.add(m.toJson()));
            v.put("bytesRead", bytesRead);
            v.put("windowsChecked", sink.windowsChecked());
            v.put("badSectorCount", sink.badSectors());
            ArrayNode n = v.putArray("notes");
            notes.forEach(n::add);
            ArrayNode a = v.putArray("anchors");
            anchors.forEach(x -> a.add(x.toJson()));
            try (ChainedLog chained = ChainedLog.reopen(log.file())) {
                chained.append("verification", v, true);
                recorded = "appended to " + log.file() + " as line " + chained.records();
            } catch (IOException e) {
                recorded = "not recorded: " + e.getMessage();
            }
        }
        return new VerifyReport(
                scope,
                outDir,
                read,
                problems,
                chain.continuations().stream().map(Object::toString).toList(),
                end != null,
                hashes,
                expected,
                mismatches,
                notes,
                bytesRead,
                sink.windowsChecked(),
                sink.windowsLogged(),
                sink.badSectors(),
                anchors,
                recorded);
    }
}

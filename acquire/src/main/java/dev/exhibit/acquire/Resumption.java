package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.badsector.Mapfile;
import dev.exhibit.acquire.badsector.MapfileException;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.image.ImageFiles;
import dev.exhibit.acquire.image.ImageFormat;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.log.ReplayMismatchException;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.acquire.writeblock.WriteBlockCheck;
import dev.exhibit.acquire.writeblock.WriteBlockStatus;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exhibit acquire --resume OUTDIR}: continues an acquisition that was interrupted (Ctrl-C, SIGKILL, power loss,
 * a full destination, a source that went away), never silently from zero.
 *
 * <p>What the log proves is kept: the image is hashed again from byte 0 and every logged window must match; the
 * digests are rebuilt on the way, so the final hashes equal those of an uninterrupted run. If a logged window no
 * longer matches the image (its bytes never reached the disk before a power loss), the acquisition goes on from that
 * window, and the {@code resume} record says so ({@code reacquireFromByte}). What lies beyond the logged windows is
 * taken from the bad-sector map, which is only ever saved after the image is on disk; without a map it is read again.
 */
public final class Resumption {
    /**
     * @param source the source to read, when it is not at the path the log names (a drive that came back under
     *     another name); null to use the logged path
     * @param retries a new {@code --retries}, or null to keep the logged one
     * @param maxBadSectors a new {@code --max-bad}, or null to keep the logged one
     */
    public record Request(Path outDir, Path source, Integer retries, Long maxBadSectors, Invocation invocation) {}

    private Resumption() {}

    static Acquisition.Result run(Request request, Progress progress, Cancellation cancel) throws IOException {
        Path dir = request.outDir();
        Path logFile = dir.resolve(AcquisitionLogWriter.FILE_NAME);
        if (!Files.isRegularFile(logFile)) {
            throw ExhibitException.usage(dir + " holds no " + AcquisitionLogWriter.FILE_NAME + "; nothing to resume");
        }
        AcquisitionLog before = AcquisitionLog.read(logFile);
        if (before.chain().intact() && "complete".equals(before.status())) {
            throw ExhibitException.usage("the acquisition in " + dir + " is complete; nothing to resume (check it with"
                    + " 'exhibit verify " + dir + "')");
        }
        try (ChainedLog chain = ChainedLog.reopen(logFile)) {
            return run(request, progress, cancel, chain, AcquisitionLog.read(logFile));
        }
    }

    private static Acquisition.Result run(
            Request request, Progress progress, Cancellation cancel, ChainedLog chain, AcquisitionLog logged)
            throws IOException {
        Path dir = request.outDir();
        Logged facts = Logged.of(logged, dir);
        FillPattern fill = FillPattern.parse(facts.options().path("fill").asText("zeros"));
        int retries = request.retries() != null
                ? request.retries()
                : facts.options().path("retries").asInt(0);
        long maxBad = request.maxBadSectors() != null
                ? request.maxBadSectors()
                : facts.options().path("maxBadSectors").asLong(-1);
        Path sourcePath = request.source() != null
                ? request.source()
                : Path.of(facts.source().path("path").asText());
        try (SourceDevice source = SourceDevice.open(sourcePath)) {
            DeviceIdentity identity = SourceFacts.identify(source);
            int sector = source.logicalSectorBytes();
            SourceFacts.requireSame(facts.source(), source, identity);
            boolean e01 = ImageFormat.parse(facts.options().path("format").asText("raw")) == ImageFormat.E01;
            ImageLayout layout = e01
                    ? ImageLayout.e01(dir, source.sizeBytes(), EwfHeaders.options(facts.options()))
                    : ImageLayout.of(dir, source.sizeBytes(), facts.splitBytes(), sector);
            AcquisitionRun.Settings settings = new AcquisitionRun.Settings(
                    facts.hashes(),
                    facts.windowBytes(),
                    maxBad,
                    new Rescuer.Policy(retries, fill),
                    dir.resolve(Mapfile.FILE_NAME),
                    Mapfile.Header.of(request.invocation()));
            Context context = new Context(request, logged, facts, chain, source, identity, layout, settings);
            if (e01) {
                return EwfResumption.run(context, progress, cancel);
            }
            String mapNote = "read";
            RescueMap fromFile = null;
            try {
                fromFile = Files.exists(settings.mapFile()) ? Mapfile.read(settings.mapFile()) : null;
                mapNote = fromFile == null ? "absent: bytes past the logged windows are read again" : mapNote;
                if (fromFile != null && fromFile.endByte() != source.sizeBytes()) {
                    mapNote = "ignored: it covers " + fromFile.endByte() + " bytes, not " + source.sizeBytes();
                    fromFile = null;
                }
            } catch (MapfileException e) {
                mapNote = "ignored: " + e.getMessage();
            }
            ObjectNode sourceRecord;
            try (ImageFiles read = ImageFiles.read(layout)) {
                long logged0 = AcquisitionLog.coveredBytes(facts.windowsFromStart());
                sourceRecord = SourceMatch.require(
                        source, identity, facts, SourceMatch.mapVouched(fromFile, logged0), read::read);
            }
            WriteBlockStatus writeBlock = context.requireWriteBlock();
            OutputDirectory.reserve(dir);
            boolean directIo = facts.options().path("directIo").asBoolean(true);
            try (ImageFiles image = ImageFiles.resume(layout, directIo)) {
                Replay plan = Replay.of(facts, fromFile, source.sizeBytes(), sector, retries);
                ReplayMismatchException mismatch = null;
                for (int attempt = 0; ; attempt++) {
                    AcquisitionLogWriter log = plan.writer(chain, layout, fill.description());
                    Acquisition.Session session = context.session(log, writeBlock);
                    AcquisitionRun run = session.open(image, plan.map(), plan.ledger(), progress, cancel);
                    try {
                        run.replay(plan.loggedBytes());
                    } catch (ReplayMismatchException m) {
                        run.close();
                        if (attempt > 0) {
                            throw ExhibitException.evidence(
                                    "the image in " + dir + " does not match its own log: " + m.getMessage());
                        }
                        mismatch = m;
                        plan = plan.reacquireFrom(m.byteOffset());
                        continue;
                    } catch (IOException | RuntimeException e) {
                        run.close();
                        throw e;
                    }
                    try (run) {
                        log.append(
                                "resume",
                                resumeRecord(request, logged, facts, plan, mismatch, chain, mapNote, sourceRecord));
                        return session.finish(run, image, plan.map(), plan.ledger());
                    }
                }
            }
        }
    }

    /** What a resume of either kind of image works with. */
    record Context(
            Request request,
            AcquisitionLog logged,
            Logged facts,
            ChainedLog chain,
            SourceDevice source,
            DeviceIdentity identity,
            ImageLayout layout,
            AcquisitionRun.Settings settings) {

        FillPattern fill() {
            return settings.policy().fill();
        }

        /** The write-block check the first run made, made again; null when it is skipped or not applicable. */
        WriteBlockStatus requireWriteBlock() throws IOException {
            boolean check = source.isBlockDevice()
                    && facts.options().path("writeBlockCheck").asBoolean(true);
            return check ? WriteBlockCheck.require(source.realPath()) : null;
        }

        Acquisition.Session session(AcquisitionLogWriter log, WriteBlockStatus writeBlock) {
            return new Acquisition.Session(
                    source,
                    layout,
                    log,
                    settings,
                    writeBlock == null ? null : WriteBlockCheck.watch(writeBlock),
                    fill().description(),
                    facts.started(),
                    facts.activeMillis());
        }
    }

    static ObjectNode resumeRecord(
            Request request,
            AcquisitionLog logged,
            Logged facts,
            Replay plan,
            ReplayMismatchException mismatch,
            ChainedLog chain,
            String mapNote,
            ObjectNode source) {
        ObjectNode r = Jcs.object();
        r.set("invocation", request.invocation().toJson());
        r.set("source", source);
        r.put("previousStatus", logged.status());
        r.put("previousRecords", logged.records());
        r.put("previousActiveMillis", facts.activeMillis());
        r.put("verifiedWindows", plan.windows().size());
        r.put("verifiedBytes", plan.loggedBytes());
        if (mismatch != null) {
            r.put("reacquireFromByte", mismatch.byteOffset());
            r.put("mismatch", mismatch.getMessage());
        }
        r.put("badSectorMap", mapNote);
        chain.tornTail().ifPresent(t -> r.set("tornTail", t.toJson()));
        return r;
    }

    /** What the log of the interrupted acquisition says about it. */
    record Logged(
            JsonNode start,
            JsonNode options,
            JsonNode source,
            List<HashAlgorithm> hashes,
            long windowBytes,
            long splitBytes,
            Instant started,
            long activeMillis,
            List<JsonNode> windowsFromStart,
            List<JsonNode> segments,
            List<JsonNode> badRanges) {

        static Logged of(AcquisitionLog log, Path dir) {
            if (!log.chain().intact()) {
                throw ExhibitException.evidence("the log of " + dir + " is broken ("
                        + log.chain().problems().getFirst() + "); it is not extended");
            }
            JsonNode start = log.first("start")
                    .orElseThrow(() -> ExhibitException.evidence("the log of " + dir + " has no start record"));
            JsonNode source = log.first("source")
                    .orElseThrow(() -> ExhibitException.usage("the acquisition in " + dir + " stopped before it"
                            + " read the source (its log has no source record): there is nothing to resume; remove "
                            + dir + " and run exhibit acquire again"));
            JsonNode options = start.path("options");
            List<HashAlgorithm> hashes = new ArrayList<>();
            options.path("hashes").forEach(h -> hashes.add(HashAlgorithm.fromId(h.asText())));
            return new Logged(
                    start,
                    options,
                    source,
                    hashes,
                    options.path("windowBytes").asLong(),
                    options.path("splitBytes").asLong(0),
                    Instant.parse(start.path("invocation").path("started").asText()),
                    activeMillis(log),
                    log.windowsFromStart(
                            options.path("windowBytes").asLong(),
                            source.path("sizeBytes").asLong()),
                    log.all("segment"),
                    log.all("bad-range"));
        }

        /** Time spent acquiring over the earlier runs: from each start or resume to the last record of that run. */
        private static long activeMillis(AcquisitionLog log) {
            long total = 0;
            Instant runStart = null;
            Instant last = null;
            for (var e : log.entries()) {
                JsonNode r = e.record();
                if (r == null || !r.path("time").isTextual()) {
                    continue;
                }
                Instant t = Instant.parse(r.get("time").asText());
                String type = r.path("type").asText();
                if (type.equals("verification")) {
                    continue; // a verify of the partial image is not acquiring time
                }
                if (type.equals("start") || type.equals("resume")) {
                    if (runStart != null) {
                        total += last.toEpochMilli() - runStart.toEpochMilli();
                    }
                    runStart = t;
                }
                last = t;
            }
            return runStart == null ? 0 : total + last.toEpochMilli() - runStart.toEpochMilli();
        }
    }
}

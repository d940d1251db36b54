package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.Progress;
import dev.exhibit.acquire.badsector.BadSectorLedger;
import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.badsector.Frontier;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.image.ImageFiles;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainReport;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exhibit verify OUTDIR [--source DEVICE]}: walks the log's hash chain from its first record to its last, reads
 * the image files (or the source) again, recomputes every algorithm, window and segment hash, and names every place
 * that differs. The result is appended to the log as a {@code verification} record when the chain is intact.
 */
public final class Verifier {
    static final String FLASH_NOTE = "flash media (USB sticks, SD cards, SSDs) may legitimately return different bytes"
            + " on a later read: the controller remaps and erases blocks on its own, so a source re-read that differs"
            + " does not by itself show that the image is wrong";

    private static final int BUFFERS = 8;

    private Verifier() {}

    /** Re-reads the image files of {@code outDir}. */
    public static VerifyReport image(Path outDir, Invocation invocation, Progress progress, Cancellation cancel)
            throws IOException {
        Logged logged = Logged.read(outDir);
        ImageLayout layout = logged.layout(outDir);
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>(logged.notes());
        long available = 0;
        boolean whole = true;
        long limit = logged.end() != null ? layout.sizeBytes() : logged.loggedWindowBytes();
        try (ImageFiles image = ImageFiles.read(layout)) {
            for (int i = 0; i < layout.segmentCount(); i++) {
                long want = layout.segmentLength(i);
                long have = image.fileLength(i);
                if (have != want && logged.end() != null) {
                    mismatches.add(new Mismatch(
                            layout.name(i),
                            layout.segmentStart(i),
                            want,
                            want + " bytes",
                            have < 0 ? "the file is missing" : have + " bytes",
                            -1));
                }
                if (whole) {
                    available += Math.max(0, Math.min(have, want));
                    whole = have >= want;
                }
            }
            available = Math.min(available, limit);
            VerifySink sink = logged.sink();
            Map<HashAlgorithm, String> hashes;
            try (BufferPool pool = new BufferPool(BUFFERS, 4 << 20);
                    Pipeline pipe = new Pipeline(logged.config(), null, sink)) {
                long start = System.nanoTime();
                for (long at = 0; at < available; ) {
                    checkCancel(cancel, at);
                    Lease lease = take(pool);
                    try {
                        MemorySegment buf = lease.buffer().asSlice(0, Math.min(available - at, pool.bufferBytes()));
                        long n = image.read(at, buf);
                        pipe.send(lease, at, buf.asSlice(0, n), List.of(), false, true);
                        at += n;
                        if (n == 0) {
                            break;
                        }
                    } finally {
                        lease.release();
                    }
                    progress.update(new Progress.Snapshot(
                            at, layout.sizeBytes(), 0, "verifying image", 0, System.nanoTime() - start));
                }
                hashes = pipe.finish().hashes();
            }
            if (available < limit) {
                notes.add("the image ends at byte " + available + " of " + layout.sizeBytes()
                        + "; windows past it were not checked and no whole-image hash could be computed");
                hashes = Map.of();
            }
            mismatches.addAll(sink.mismatches());
            mismatches.addAll(logged.compareHashes(hashes));
            return logged.record("image", outDir, outDir, invocation, hashes, mismatches, notes, available, sink, null);
        }
    }

    /**
     * Re-reads the source ({@code source}, or the path the log names) as the acquisition did (same sector size, same
     * fill for unreadable sectors) and compares it with what was acquired.
     */
    public static VerifyReport source(
            Path outDir, Path source, Invocation invocation, Progress progress, Cancellation cancel)
            throws IOException {
        Logged logged = Logged.read(outDir);
        Path path =
                source != null ? source : Path.of(logged.source().path("path").asText());
        List<String> notes = new ArrayList<>(logged.notes());
        notes.add(FLASH_NOTE);
        try (SourceDevice device = SourceDevice.open(path)) {
            if (device.sizeBytes() != logged.sizeBytes()) {
                throw ExhibitException.evidence("source " + path + " has " + device.sizeBytes() + " bytes; "
                        + logged.sizeBytes() + " were acquired");
            }
            VerifySink sink = logged.sink();
            Map<HashAlgorithm, String> hashes;
            long start = System.nanoTime();
            try (BufferPool pool = new BufferPool(BUFFERS, 4 << 20);
                    Pipeline pipe = new Pipeline(logged.config(), null, sink)) {
                RescueMap map = RescueMap.of(device.sizeBytes());
                BadSectorLedger ledger = new BadSectorLedger(device.logicalSectorBytes());
                Frontier frontier = new Frontier(pipe, null, map, ledger, pool, device.logicalSectorBytes(), s -> true);
                Rescuer.Policy policy = new Rescuer.Policy(logged.retries(), logged.fill());
                Rescuer rescuer = new Rescuer(
                        device,
                        frontier,
                        pool,
                        policy,
                        () -> {
                            checkCancel(cancel, map.position().byteOffset());
                            progress.update(new Progress.Snapshot(
                                    pipe.hashedEnd(),
                                    device.sizeBytes(),
                                    ledger.count(),
                                    "verifying source",
                                    0,
                                    System.nanoTime() - start));
                        },
                        false);
                rescuer.run();
                hashes = pipe.finish().hashes();
                if (ledger.count() > 0) {
                    notes.add(ledger.count() + " sectors of the source could not be read now; they were filled with "
                            + logged.fill().description() + " as in the acquisition");
                }
            }
            List<Mismatch> mismatches = new ArrayList<>(sink.mismatches());
            mismatches.addAll(logged.compareHashes(hashes));
            return logged.record(
                    "source", outDir, path, invocation, hashes, mismatches, notes, device.sizeBytes(), sink, path);
        }
    }

    private static Lease take(BufferPool pool) throws IOException {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void checkCancel(Cancellation cancel, long at) {
        if (cancel.requested()) {
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED,
                    "verification interrupted (" + cancel.reason() + ") at byte " + at);
        }
    }

    /** What the log holds that a verification needs. */
    private record Logged(AcquisitionLog log, JsonNode start, JsonNode source, JsonNode end, List<String> notes) {

        static Logged read(Path outDir) throws IOException {
            Path file = outDir.resolve(AcquisitionLogWriter.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw ExhibitException.usage(outDir + " holds no " + AcquisitionLogWriter.FILE_NAME
                        + "; is it an acquisition's output directory?");
            }
            AcquisitionLog log = AcquisitionLog.read(file);
            JsonNode start = log.first("start")
                    .orElseThrow(
                            () -> ExhibitException.evidence(file + ": no start record; cannot tell what to check"));
            JsonNode source = log.first("source")
                    .orElseThrow(() -> ExhibitException.evidence(file + ": no source record; cannot tell the size"));
            JsonNode end = log.last("end").orElse(null);
            List<String> notes = new ArrayList<>();
            if (end == null) {
                notes.add("the acquisition did not complete (status " + log.status() + "); only its logged windows"
                        + " can be checked");
            }
            return new Logged(log, start, source, end, notes);
        }

        long sizeBytes() {
            return source.path("sizeBytes").asLong();
        }

        /** The image bytes the logged windows cover from byte 0 without a gap. */
        long loggedWindowBytes() {
            java.util.Map<Long, Long> ends = new java.util.HashMap<>();
            log.all("window")
                    .forEach(w -> ends.put(
                            w.path("index").asLong(),
                            w.path("byteOffset").asLong()
                                    + w.path("lengthBytes").asLong()));
            long covered = 0;
            for (long i = 0; ends.containsKey(i); i++) {
                covered = ends.get(i);
            }
            return covered;
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
            List<String> problems =
                    chain.problems().stream().map(Object::toString).toList();
            Map<String, String> expected = new LinkedHashMap<>();
            if (end != null) {
                end.path("hashes")
                        .properties()
                        .forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
            }
            boolean ok = problems.isEmpty() && end != null && mismatches.isEmpty();
            String recorded;
            if (!problems.isEmpty()) {
                recorded = "not recorded: the log's chain is broken, and a broken log is never extended";
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
                    end != null,
                    hashes,
                    expected,
                    mismatches,
                    notes,
                    bytesRead,
                    sink.windowsChecked(),
                    sink.windowsLogged(),
                    sink.badSectors(),
                    recorded);
        }
    }
}

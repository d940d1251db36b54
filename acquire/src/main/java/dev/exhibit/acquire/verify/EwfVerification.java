package dev.exhibit.acquire.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.Progress;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.chain.ChainVerifier;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.image.ewf.EwfCheck;
import dev.exhibit.image.ewf.EwfCheckReport;
import dev.exhibit.image.ewf.EwfFinding;
import dev.exhibit.image.ewf.SectorRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exhibit verify OUTDIR} of an E01 acquisition: the set is checked as a whole ({@link EwfCheck}: every section
 * checksum, every chunk, table2 against table, the MD5 and SHA-1 it stores), its media bytes are hashed again with
 * every logged algorithm and window, each segment file's SHA-256 is compared with its {@code segment} record, and
 * error2 with the log's bad ranges. Every difference names the segment file, the chunk, the media bytes and the log
 * line that says what was expected.
 */
final class EwfVerification {
    private static final int BUFFERS = 8;

    private EwfVerification() {}

    static VerifyReport image(
            LoggedAcquisition logged, Path outDir, Invocation invocation, Progress progress, Cancellation cancel)
            throws IOException {
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>(logged.notes());
        VerifySink sink = logged.sink();
        Path first = outDir.resolve(ImageLayout.EWF_BASE_NAME + ".E01");
        if (logged.end() == null) {
            notes.add("an unfinished E01 set cannot be read: resume the acquisition to finish it, then verify it");
            return logged.record("image", outDir, outDir, invocation, Map.of(), mismatches, notes, 0, sink, null);
        }
        if (!Files.exists(first)) {
            mismatches.add(new Mismatch(
                    first.getFileName().toString(),
                    -1,
                    -1,
                    "the first segment of the set",
                    "the file is missing",
                    logged.log().entries("end").getLast().line()));
            return logged.record("image", outDir, outDir, invocation, Map.of(), mismatches, notes, 0, sink, null);
        }
        Pipeline.Config all = logged.config();
        // the check computes the whole-media digests on its own threads; the pipeline adds the windows
        Pipeline.Config windowsOnly = new Pipeline.Config(List.of(), all.windowBytes(), 0);
        EwfCheckReport report;
        long[] fed = {0};
        try (BufferPool pool = new BufferPool(BUFFERS, 4 << 20);
                Pipeline pipe = new Pipeline(windowsOnly, null, sink)) {
            long start = System.nanoTime();
            report = EwfCheck.check(first, all.algorithms(), media -> {
                checkCancel(cancel, fed[0]);
                fed[0] = feed(pipe, pool, fed[0], media);
                progress.update(new Progress.Snapshot(
                        fed[0], logged.sizeBytes(), 0, "verifying image", 0, System.nanoTime() - start));
            });
            if (fed[0] == logged.sizeBytes()) {
                pipe.finish();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (EwfFinding f : report.findings()) {
            if (f.severity() == EwfFinding.Severity.ERROR) {
                mismatches.add(mismatch(f, logged));
            } else {
                notes.add(f.toString());
            }
        }
        Map<HashAlgorithm, String> hashes = new LinkedHashMap<>();
        all.algorithms().forEach(a -> {
            if (report.computed().containsKey(a) && fed[0] == logged.sizeBytes()) {
                hashes.put(a, report.computed().get(a));
            }
        });
        if (fed[0] < logged.sizeBytes()) {
            notes.add("the media could be read only to byte " + fed[0] + " of " + logged.sizeBytes()
                    + "; windows past it were not checked and no whole-image hash could be computed");
        }
        mismatches.addAll(sink.mismatches());
        mismatches.addAll(logged.compareHashes(hashes));
        mismatches.addAll(segments(logged, outDir));
        if (report.info() != null) {
            mismatches.addAll(error2(report.info().errors(), logged));
        }
        return logged.record("image", outDir, outDir, invocation, hashes, mismatches, notes, fed[0], sink, null);
    }

    /** Copies decoded media into pipeline buffers for the window hashes; returns the media bytes handed on. */
    private static long feed(Pipeline pipe, BufferPool pool, long at, ByteBuffer media) {
        try {
            while (media.hasRemaining()) {
                Lease lease = pool.take();
                try {
                    int n = Math.min(media.remaining(), pool.bufferBytes());
                    MemorySegment buf = lease.buffer().asSlice(0, n);
                    MemorySegment.copy(MemorySegment.ofBuffer(media), media.position(), buf, 0, n);
                    pipe.send(lease, at, buf, List.of(), false, true);
                    media.position(media.position() + n);
                    at += n;
                } finally {
                    lease.release();
                }
            }
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while hashing windows", e));
        }
    }

    /** A finding as a mismatch: the file, section and chunk it is in, its media bytes, the log line it concerns. */
    private static Mismatch mismatch(EwfFinding f, LoggedAcquisition logged) {
        StringBuilder what = new StringBuilder();
        if (f.segment() != null) {
            what.append(f.segment().getFileName());
        }
        if (f.section() != null) {
            what.append(what.isEmpty() ? "" : ", ")
                    .append("'")
                    .append(f.section())
                    .append("' section");
        }
        if (f.fileByteOffset() >= 0) {
            what.append(" at file byte ").append(f.fileByteOffset());
        }
        if (f.chunk() >= 0) {
            what.append(what.isEmpty() ? "" : ", ").append("chunk ").append(f.chunk());
        }
        boolean media = f.mediaFirstByte() >= 0 && f.mediaEndByte() > f.mediaFirstByte();
        return new Mismatch(
                what.isEmpty() ? "the E01 set" : what.toString(),
                media ? f.mediaFirstByte() : -1,
                media ? f.mediaEndByte() - f.mediaFirstByte() : -1,
                "an intact E01 set, as acquired",
                f.message(),
                logLine(f, logged));
    }

    /**
     * The log line that says what was expected: the window holding the first media byte concerned; for the hash
     * sections the end record; for the header sections the start record, which holds the case fields.
     */
    private static long logLine(EwfFinding f, LoggedAcquisition logged) {
        String section = f.section() == null ? "" : f.section();
        if (section.startsWith("header")) {
            return logged.log().entries("start").getFirst().line();
        }
        if ((section.equals("hash") || section.equals("digest") || f.mediaFirstByte() < 0)
                && !logged.log().entries("end").isEmpty()) {
            return logged.log().entries("end").getLast().line();
        }
        long window = f.mediaFirstByte()
                / logged.start().path("options").path("windowBytes").asLong(1);
        for (ChainVerifier.Entry e : logged.log().entries("window")) {
            if (e.record().path("index").asLong() == window) {
                return e.line();
            }
        }
        return -1;
    }

    /** Each file's SHA-256 against its {@code segment} record; a file the log names that is gone, or one it does not. */
    private static List<Mismatch> segments(LoggedAcquisition logged, Path outDir) throws IOException {
        List<Mismatch> out = new ArrayList<>();
        for (ChainVerifier.Entry e : logged.log().entries("segment")) {
            JsonNode s = e.record();
            Path f = outDir.resolve(s.path("file").asText());
            String expected = "SHA-256 " + s.path("sha256").asText();
            String actual = Files.isRegularFile(f) ? "SHA-256 " + HashAlgorithm.SHA256.hexOf(f) : "the file is missing";
            if (!expected.equals(actual)) {
                out.add(new Mismatch("segment " + s.path("file").asText(), -1, -1, expected, actual, e.line()));
            }
        }
        return out;
    }

    /** error2 against the log's bad ranges: both must list the same sectors. */
    private static List<Mismatch> error2(List<SectorRange> stored, LoggedAcquisition logged) {
        List<SectorRange> logRuns = new ArrayList<>();
        long line = -1;
        for (ChainVerifier.Entry e : logged.log().entries("bad-range")) {
            long first = e.record().path("firstSector").asLong();
            long count = e.record().path("sectorCount").asLong();
            SectorRange last = logRuns.isEmpty() ? null : logRuns.getLast();
            if (last != null && last.firstSector() + last.sectorCount() == first) {
                logRuns.set(logRuns.size() - 1, new SectorRange(last.firstSector(), last.sectorCount() + count));
            } else {
                logRuns.add(new SectorRange(first, count));
            }
            line = line < 0 ? e.line() : line;
        }
        if (logRuns.equals(stored)) {
            return List.of();
        }
        return List.of(new Mismatch(
                "error2 section (unreadable sectors)",
                -1,
                -1,
                logRuns.size() + " ranges as the log's bad-range records: " + brief(logRuns),
                stored.size() + " ranges: " + brief(stored),
                line));
    }

    private static String brief(List<SectorRange> ranges) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < ranges.size() && i < 5; i++) {
            SectorRange r = ranges.get(i);
            s.append(i == 0 ? "" : ", ")
                    .append(r.firstSector())
                    .append('-')
                    .append(r.firstSector() + r.sectorCount() - 1);
        }
        return ranges.size() > 5 ? s + ", ..." : ranges.isEmpty() ? "none" : s.toString();
    }

    private static void checkCancel(Cancellation cancel, long at) {
        if (cancel.requested()) {
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED,
                    "verification interrupted (" + cancel.reason() + ") at byte " + at);
        }
    }
}

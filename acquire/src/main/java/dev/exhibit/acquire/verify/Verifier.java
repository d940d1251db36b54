package dev.exhibit.acquire.verify;

import dev.exhibit.acquire.Cancellation;
import dev.exhibit.acquire.Progress;
import dev.exhibit.acquire.badsector.BadSectorLedger;
import dev.exhibit.acquire.badsector.Frontier;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.device.FlashMedia;
import dev.exhibit.acquire.image.ImageFiles;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Lease;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code exhibit verify OUTDIR [--source DEVICE]}: walks the log's hash chain from its first record to its last, reads
 * the image files (or the source) again, recomputes every algorithm, window and segment hash, and names every place
 * that differs. The result is appended to the log as a {@code verification} record when the chain is intact.
 */
public final class Verifier {
    static final String FLASH_NOTE = "a USB stick's, SD card's or SSD's controller remaps and erases blocks on its own,"
            + " so a later read may legitimately return different bytes: a source re-read that differs does not by"
            + " itself show that the image is wrong";

    private static final int BUFFERS = 8;

    private Verifier() {}

    /** Re-reads the image files of {@code outDir}. */
    public static VerifyReport image(Path outDir, Invocation invocation, Progress progress, Cancellation cancel)
            throws IOException {
        return image(outDir, List.of(), invocation, progress, cancel);
    }

    /**
     * Re-reads the image files of {@code outDir}; the log's time stamps are checked against {@code tsaAnchors} (the
     * trusted roots of time-stamping authorities), when given.
     */
    public static VerifyReport image(
            Path outDir,
            List<X509Certificate> tsaAnchors,
            Invocation invocation,
            Progress progress,
            Cancellation cancel)
            throws IOException {
        LoggedAcquisition logged = LoggedAcquisition.read(outDir, tsaAnchors);
        if (logged.e01()) {
            return EwfVerification.image(logged, outDir, invocation, progress, cancel);
        }
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
        LoggedAcquisition logged = LoggedAcquisition.read(outDir, List.of());
        Path path =
                source != null ? source : Path.of(logged.source().path("path").asText());
        List<String> notes = new ArrayList<>(logged.notes());
        FlashMedia.why(logged.source())
                .ifPresent(why -> notes.add("the source may be flash media (" + why + "): " + FLASH_NOTE));
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
                progress.update(new Progress.Snapshot(
                        device.sizeBytes(),
                        device.sizeBytes(),
                        ledger.count(),
                        "verifying source",
                        0,
                        System.nanoTime() - start));
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
}

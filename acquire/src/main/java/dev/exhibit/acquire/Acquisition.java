package dev.exhibit.acquire;

import dev.exhibit.acquire.badsector.BadSectorLedger;
import dev.exhibit.acquire.badsector.Mapfile;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.image.EwfOutput;
import dev.exhibit.acquire.image.ImageFiles;
import dev.exhibit.acquire.image.ImageFormat;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.image.ImageOutput;
import dev.exhibit.acquire.image.ImageWriteException;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.log.AcquisitionRecordText;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.acquire.writeblock.WriteBlockCheck;
import dev.exhibit.acquire.writeblock.WriteBlockStatus;
import dev.exhibit.acquire.writeblock.WriteBlockWatch;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.chain.ChainedLog;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.image.ewf.EwfLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code exhibit acquire}: a source read once, read-only, into raw, split-raw or E01 image files, hashed with every asked
 * algorithm over exactly the bytes written, with piecewise hashes, an exact bad-sector map and a hash-chained log.
 * {@link #resume} continues an interrupted acquisition from what its log and map prove.
 */
public final class Acquisition {
    /**
     * What an acquisition produced.
     *
     * @param durationMillis time spent acquiring, over every run
     * @param record the plain-text record written beside the image, or why it could not be
     * @param sourceVerdict for an E01 source, whether the hashes it stores are those of its media: {@code match},
     *     {@code mismatch} or {@code none-stored}; null for any other source
     * @param sourceSummary for an E01 source, one line saying what it stores and whether that is what its media give
     */
    public record Result(
            Path outDir,
            ImageLayout layout,
            List<Path> files,
            long bytes,
            Map<HashAlgorithm, String> hashes,
            long windows,
            long badSectors,
            String logHeadHash,
            long durationMillis,
            AcquisitionRecordText.Outcome record,
            String sourceVerdict,
            String sourceSummary) {

        public long bytesPerSecond() {
            return durationMillis == 0 ? bytes : Math.round(bytes * 1000.0 / durationMillis);
        }
    }

    private Acquisition() {}

    public static Result acquire(AcquireRequest request, Progress progress, Cancellation cancel) throws IOException {
        try (SourceDevice source = SourceDevice.open(request.source())) {
            int sector = source.logicalSectorBytes();
            requireWindow(request.windowBytes(), sector);
            // an E01 source stores its MD5 and SHA-1: compute them, to compare
            List<HashAlgorithm> hashes =
                    source.ewfInfo() != null ? AcquireRequest.withE01Hashes(request.hashes()) : request.hashes();
            ImageLayout layout = request.ewf() != null
                    ? ImageLayout.e01(request.outDir(), source.sizeBytes(), request.ewf())
                    : ImageLayout.of(request.outDir(), source.sizeBytes(), request.splitBytes(), sector);
            boolean check = source.isBlockDevice() && request.writeBlockCheck();
            WriteBlockStatus writeBlock = check ? WriteBlockCheck.require(source.realPath()) : null;
            DeviceIdentity identity = SourceFacts.identify(source);
            // an E01 layout the format cannot hold is refused before anything is written
            EwfLayout ewf = request.ewf() == null ? null : EwfHeaders.layout(request.ewf(), source, identity);
            OutputDirectory.prepare(request.outDir());
            OutputDirectory.reserve(request.outDir());
            ChainedLog chain = ChainedLog.create(request.outDir().resolve(AcquisitionLogWriter.FILE_NAME));
            AcquisitionLogWriter log = new AcquisitionLogWriter(
                    chain, layout, request.fill().description(), Map.of(), Map.of(), Collections.emptyNavigableMap());
            try (log) {
                try {
                    log.append("start", Records.start(request, hashes, layout, sector));
                    log.append(
                            "source",
                            SourceFacts.describe(
                                    source,
                                    identity,
                                    writeBlock,
                                    source.isBlockDevice() && !request.writeBlockCheck(),
                                    request.hardwareBlocker()));
                } catch (IOException e) {
                    throw OutputDirectory.abandonStart(request.outDir(), chain, e);
                }
                Session session = new Session(
                        source,
                        layout,
                        log,
                        settings(hashes, request.windowBytes(), request.maxBadSectors(), request, layout),
                        writeBlock == null ? null : WriteBlockCheck.watch(writeBlock),
                        request.fill().description(),
                        request.invocation().started(),
                        0);
                try (ImageOutput image = ewf == null
                        ? ImageFiles.create(layout, request.directIo())
                        : EwfOutput.create(
                                layout, ewf, EwfHeaders.header(request.caseFields(), identity, request.invocation()))) {
                    return session.run(
                            image, RescueMap.of(source.sizeBytes()), new BadSectorLedger(sector), progress, cancel);
                }
            }
        }
    }

    /** Continues an interrupted acquisition in {@code outDir}; see {@link Resumption}. */
    public static Result resume(Resumption.Request request, Progress progress, Cancellation cancel) throws IOException {
        return Resumption.run(request, progress, cancel);
    }

    static AcquisitionRun.Settings settings(
            List<HashAlgorithm> hashes, long windowBytes, long maxBad, AcquireRequest r, ImageLayout layout) {
        return new AcquisitionRun.Settings(
                hashes,
                windowBytes,
                maxBad,
                new Rescuer.Policy(r.retries(), r.fill()),
                layout.directory().resolve(Mapfile.FILE_NAME),
                Mapfile.Header.of(r.invocation()));
    }

    static void requireWindow(long windowBytes, int sectorBytes) {
        if (windowBytes % sectorBytes != 0) {
            throw new IllegalArgumentException("--window " + windowBytes + " bytes must be a multiple of the source's "
                    + sectorBytes + "-byte sectors");
        }
    }

    /** One run over an open source and log: the part new and resumed acquisitions share. */
    record Session(
            SourceDevice source,
            ImageLayout layout,
            AcquisitionLogWriter log,
            AcquisitionRun.Settings settings,
            WriteBlockWatch watch,
            String fill,
            Instant started,
            long previousActiveMillis) {

        AcquisitionRun open(
                ImageOutput image, RescueMap map, BadSectorLedger ledger, Progress progress, Cancellation c) {
            return new AcquisitionRun(source, image, log, map, ledger, settings, watch, progress, c);
        }

        Result run(ImageOutput image, RescueMap map, BadSectorLedger ledger, Progress progress, Cancellation cancel)
                throws IOException {
            try (AcquisitionRun run = open(image, map, ledger, progress, cancel)) {
                return finish(run, image, map, ledger);
            }
        }

        /** Rescues what is left in an open run, then seals the image and logs the end; logs any failure. */
        Result finish(AcquisitionRun run, ImageOutput image, RescueMap map, BadSectorLedger ledger) throws IOException {
            try {
                Pipeline.Result r = run.rescue();
                if (watch != null) {
                    run.checkWriteBlock();
                }
                List<Path> files = image.complete(
                        r.hashes().get(HashAlgorithm.MD5),
                        r.hashes().get(HashAlgorithm.SHA1),
                        ledger.runsIn(0, Long.MAX_VALUE));
                if (layout.imageFormat() == ImageFormat.E01) {
                    SegmentFiles.log(log, files, r.hashes());
                }
                image.seal();
                SourceHashes sourceHashes = SourceHashes.of(source, r.hashes());
                if (sourceHashes != null) {
                    log.append("source-hashes", sourceHashes.record());
                }
                long active = previousActiveMillis + run.elapsedNanos() / 1_000_000;
                log.append(
                        "end",
                        Records.end(
                                layout,
                                files,
                                r.bytesHashed(),
                                r.hashes(),
                                r.windows(),
                                ledger.count(),
                                fill,
                                started,
                                active));
                OutputDirectory.release(layout.directory());
                AcquisitionRecordText.Outcome record = AcquisitionRecordText.write(layout.directory());
                return new Result(
                        layout.directory(),
                        layout,
                        files,
                        r.bytesHashed(),
                        r.hashes(),
                        r.windows(),
                        ledger.count(),
                        log.chain().headHash(),
                        active,
                        record,
                        sourceHashes == null ? null : sourceHashes.verdict(),
                        sourceHashes == null ? null : sourceHashes.summary());
            } catch (IOException | RuntimeException | Error e) {
                throw failed(e, run, map, ledger);
            }
        }

        /** Logs why the run stopped, keeps the map where it is safe to, and says how to go on. */
        private RuntimeException failed(Throwable t, AcquisitionRun run, RescueMap map, BadSectorLedger ledger) {
            String hint =
                    "; everything so far is kept: resume with 'exhibit acquire --resume " + layout.directory() + "'";
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            try {
                OutputDirectory.release(layout.directory());
                if (!(t instanceof ImageWriteException)) {
                    run.saveMap();
                }
            } catch (IOException | RuntimeException e) {
                suppress(t, e);
            }
            try {
                // the stages log the windows they still hold first: the failure must be the log's last record
                run.stopStages();
            } catch (RuntimeException e) {
                suppress(t, e);
            }
            try {
                log.append(
                        "failure",
                        Records.failure(t, message, map.position().byteOffset(), run.bytesResolved(), ledger.count()));
            } catch (IOException | RuntimeException e) {
                suppress(t, e);
                hint += " (the failure could not be logged: " + e.getMessage() + ")";
            }
            AcquisitionRecordText.Outcome record = AcquisitionRecordText.write(layout.directory());
            if (!record.written()) {
                hint += " (" + record + ")";
            }
            ExhibitException.Kind kind = t instanceof ExhibitException e ? e.kind() : ExhibitException.Kind.ENVIRONMENT;
            if (t instanceof IOException || t instanceof ExhibitException) {
                return new ExhibitException(kind, message + hint, t);
            }
            return new IllegalStateException(message + hint, t);
        }

        /** A failed stage rethrows its failure to every later call: the same exception may come back. */
        private static void suppress(Throwable t, Throwable e) {
            if (e != t) {
                t.addSuppressed(e);
            }
        }
    }
}

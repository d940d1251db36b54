package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.badsector.BadSectorLedger;
import dev.exhibit.acquire.badsector.BlockStatus;
import dev.exhibit.acquire.badsector.Frontier;
import dev.exhibit.acquire.badsector.Mapfile;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.image.ImageOutput;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.acquire.pipeline.BufferPool;
import dev.exhibit.acquire.pipeline.Pipeline;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.acquire.writeblock.WriteBlockWatch;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an acquisition, new or resumed: the pipeline, the frontier and the rescue over one source and one image,
 * plus what happens between reads (progress, cancellation, the bad-sector limit, write-block re-checks, saving the
 * map). A resumed run first replays the image it already has, so its digests start from byte 0.
 */
final class AcquisitionRun implements AutoCloseable {
    /** Bulk read size: big enough that system calls cost little, small enough to keep memory flat. */
    static final int BUFFER_BYTES = 4 << 20;
    /** Buffers in flight between the reader, the writer and the hashers: 64 MiB in all. */
    static final int BUFFERS = 16;

    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How often the read-only flag is re-checked and, while there are errors, the map saved. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);

    private static volatile long checkNanos = CHECK_INTERVAL.toNanos();

    /**
     * @param maxBadSectors -1 for no limit
     */
    record Settings(
            List<HashAlgorithm> hashes,
            long windowBytes,
            long maxBadSectors,
            Rescuer.Policy policy,
            Path mapFile,
            Mapfile.Header mapHeader) {}

    private final SourceDevice source;
    private final ImageOutput image;
    private final AcquisitionLogWriter log;
    private final RescueMap map;
    private final BadSectorLedger ledger;
    private final Settings settings;
    private final WriteBlockWatch watch;
    private final Progress progress;
    private final Cancellation cancel;
    private final BufferPool pool = new BufferPool(BUFFERS, BUFFER_BYTES);
    private final Pipeline pipeline;
    private final Frontier frontier;
    private final Rescuer rescuer;
    private final long startNanos = System.nanoTime();
    private long lastProgress;
    private long lastCheck = startNanos;
    private long lastMapSave = startNanos;
    private String phase = "copying";

    AcquisitionRun(
            SourceDevice source,
            ImageOutput image,
            AcquisitionLogWriter log,
            RescueMap map,
            BadSectorLedger ledger,
            Settings settings,
            WriteBlockWatch watch,
            Progress progress,
            Cancellation cancel) {
        this.source = source;
        this.image = image;
        this.log = log;
        this.map = map;
        this.ledger = ledger;
        this.settings = settings;
        this.watch = watch;
        this.progress = progress;
        this.cancel = cancel;
        int sector = source.logicalSectorBytes();
        this.pipeline = new Pipeline(
                new Pipeline.Config(
                        settings.hashes(),
                        settings.windowBytes(),
                        image.layout().splitBytes()),
                image,
                log);
        int retries = settings.policy().retries();
        this.frontier = new Frontier(pipeline, image, map, ledger, pool, sector, s -> ledger.retriesOf(s) >= retries);
        this.rescuer = new Rescuer(source, frontier, pool, settings.policy(), this::between, true);
    }

    /** Hashes again, from the image files, the bytes [0, upTo) a resumed acquisition already has. */
    void replay(long upTo) throws IOException {
        phase = "checking what was acquired";
        frontier.catchUp(upTo);
        pipeline.awaitAll();
    }

    /** Reads what is left, then finishes the digests. */
    Pipeline.Result rescue() throws IOException {
        phase = "copying";
        rescuer.run();
        phase = "finishing";
        // progress is sampled between reads, so the last sample falls short of the end without this one
        reportProgress(System.nanoTime());
        Pipeline.Result result = pipeline.finish();
        image.sync();
        saveMap();
        return result;
    }

    /** Saves the map after the image is on disk, so the map never calls bytes done that a crash could lose. */
    void saveMap() throws IOException {
        pipeline.awaitWrites();
        image.sync();
        Mapfile.write(settings.mapFile(), map, settings.mapHeader());
        lastMapSave = System.nanoTime();
    }

    long bytesResolved() {
        return map.bytes(BlockStatus.FINISHED) + map.bytes(BlockStatus.BAD_SECTOR);
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Stops the stages after a failure: what they were sent is written and its complete windows logged. */
    void stopStages() {
        pipeline.close();
    }

    /** Ends the stages without results, after a failure. */
    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            pool.close();
        }
    }

    private void between() throws IOException {
        long now = System.nanoTime();
        if (cancel.requested()) {
            throw new ExhibitException(
                    ExhibitException.Kind.INTERRUPTED,
                    "interrupted (" + cancel.reason() + ") at source byte "
                            + map.position().byteOffset() + " of " + source.sizeBytes());
        }
        if (settings.maxBadSectors() >= 0 && ledger.count() > settings.maxBadSectors()) {
            throw ExhibitException.evidence("more than " + settings.maxBadSectors() + " unreadable sectors ("
                    + ledger.count() + " so far, the last near source byte "
                    + map.position().byteOffset()
                    + "): stopped as --max-bad asks");
        }
        if (now - lastProgress >= PROGRESS_NANOS) {
            lastProgress = now;
            reportProgress(now);
        }
        if (now - lastCheck >= checkNanos) {
            lastCheck = now;
            if (watch != null) {
                checkWriteBlock();
            }
            if (now - lastMapSave >= checkNanos && hasErrors()) {
                saveMap();
            }
        }
    }

    private void reportProgress(long now) {
        progress.update(new Progress.Snapshot(
                bytesResolved(),
                source.sizeBytes(),
                ledger.count(),
                phase(),
                now - rescuer.lastGoodReadNanos(),
                now - startNanos));
    }

    private String phase() {
        return switch (map.position().phase()) {
            case COPYING -> map.position().pass() == 1 ? "copying" : "copying skipped areas";
            case TRIMMING -> "trimming bad areas";
            case SCRAPING -> "scraping bad areas";
            case RETRYING -> "retrying bad sectors, pass " + map.position().pass();
            default -> phase;
        };
    }

    private boolean hasErrors() {
        return ledger.count() > 0 || map.bytes(BlockStatus.NON_TRIMMED) > 0 || map.bytes(BlockStatus.NON_SCRAPED) > 0;
    }

    /**
     * Sets how often runs re-check the read-only flag and save the map, and returns the previous
     * interval: a test that watches the re-check cannot wait {@link #CHECK_INTERVAL} for each.
     */
    static Duration checkInterval(Duration interval) {
        Duration previous = Duration.ofNanos(checkNanos);
        checkNanos = interval.toNanos();
        return previous;
    }

    /** Re-checks the read-only flag (a kernel can reset it when it revalidates a drive), restoring it if it lapsed. */
    void checkWriteBlock() throws IOException {
        List<String> lapses = watch.check();
        ObjectNode r = Jcs.object();
        r.put("ok", lapses.isEmpty());
        r.put("atSourceByte", map.position().byteOffset());
        ArrayNode l = r.putArray("lapses");
        lapses.forEach(l::add);
        ArrayNode restored = r.putArray("restored");
        if (!lapses.isEmpty()) {
            watch.restore().forEach(restored::add);
        }
        log.append("writeblock-check", r);
        for (String lapse : lapses) {
            if (lapse.contains(" was mounted at ")) {
                throw ExhibitException.evidence("the source was mounted during the acquisition (" + lapse
                        + "): stopped, since a mounted file system may write to it");
            }
        }
    }
}

package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.badsector.Mapfile;
import dev.exhibit.acquire.badsector.Rescuer;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.acquire.image.ImageFormat;
import dev.exhibit.acquire.image.ImageLayout;
import dev.exhibit.acquire.image.ImageWriteException;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies of the acquisition log's start, end and failure records (docs/acquisition-log.md). */
final class Records {
    private Records() {}

    /** @param hashes the digests computed: those asked, and for an E01 (image or source) MD5 and SHA-1 always */
    static ObjectNode start(AcquireRequest r, List<HashAlgorithm> hashes, ImageLayout layout, int sectorBytes) {
        ObjectNode s = Jcs.object();
        s.set("invocation", r.invocation().toJson());
        s.set("case", r.caseFields().toJson());
        ObjectNode o = s.putObject("options");
        ArrayNode algs = o.putArray("hashes");
        hashes.forEach(a -> algs.add(a.id()));
        o.put("windowBytes", r.windowBytes());
        if (r.splitBytes() > 0) {
            o.put("splitBytes", r.splitBytes());
        } else {
            o.putNull("splitBytes");
        }
        o.put("format", layout.format());
        if (layout.ewf() != null) {
            EwfOptions e = layout.ewf();
            o.putObject("e01")
                    .put("compression", e.compression().cliName())
                    .put("segmentBytes", e.segmentBytes())
                    .put("sectorsPerChunk", e.sectorsPerChunk())
                    .put("chunkBytes", (long) e.sectorsPerChunk() * sectorBytes);
        }
        o.put("sectorBytes", sectorBytes);
        o.put("readBlockBytes", AcquisitionRun.BUFFER_BYTES);
        o.put("clusterBytes", Rescuer.CLUSTER_BYTES);
        o.put("retries", r.retries());
        o.put("fill", r.fill().description());
        if (r.maxBadSectors() >= 0) {
            o.put("maxBadSectors", r.maxBadSectors());
        } else {
            o.putNull("maxBadSectors");
        }
        o.put("writeBlockCheck", r.writeBlockCheck());
        o.put("directIo", r.directIo());
        o.put("timeStampAuthority", r.timeStampAuthority());
        s.putObject("output")
                .put("directory", layout.directory().toAbsolutePath().toString());
        return s;
    }

    /**
     * @param started when the first run of this acquisition started
     * @param activeMillis time spent acquiring, over every run (an interruption does not count)
     */
    static ObjectNode end(
            ImageLayout layout,
            List<Path> files,
            long bytes,
            Map<HashAlgorithm, String> hashes,
            long windows,
            long badSectors,
            String fill,
            Instant started,
            long activeMillis) {
        ObjectNode e = Jcs.object();
        e.put("bytesAcquired", bytes);
        ObjectNode h = e.putObject("hashes");
        hashes.forEach((a, v) -> h.put(a.id(), v));
        e.put("windowCount", windows);
        e.put("segmentCount", layout.imageFormat() == ImageFormat.RAW ? 0 : files.size());
        ArrayNode names = e.putArray("files");
        files.forEach(f -> names.add(f.getFileName().toString()));
        e.put("badSectorCount", badSectors);
        e.put("fill", fill);
        e.put("badSectorMap", Mapfile.FILE_NAME);
        e.put("started", Times.utc(started));
        e.put("ended", Times.now());
        e.put("durationMillis", activeMillis);
        e.put("bytesPerSecond", activeMillis == 0 ? bytes : Math.round(bytes * 1000.0 / activeMillis));
        return e;
    }

    /** What stopped an acquisition, and how to go on. */
    static ObjectNode failure(Throwable t, String message, long atSourceByte, long bytesResolved, long badSectors) {
        ObjectNode f = Jcs.object();
        f.put("kind", kind(t));
        f.put("error", message);
        f.put("atSourceByte", atSourceByte);
        f.put("bytesResolved", bytesResolved);
        f.put("badSectorCount", badSectors);
        f.put("resumable", true);
        return f;
    }

    static String kind(Throwable t) {
        if (t instanceof ImageWriteException w) {
            return w.destinationFull() ? "destination-full" : "destination-error";
        }
        if (t instanceof ExhibitException e) {
            return switch (e.kind()) {
                case INTERRUPTED -> "interrupted";
                case EVIDENCE -> "evidence";
                case USAGE -> "refused";
                case ENVIRONMENT -> "source-or-environment";
            };
        }
        return t instanceof java.io.IOException ? "io-error" : "internal-error";
    }
}

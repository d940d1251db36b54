package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.badsector.Block;
import dev.exhibit.acquire.badsector.BlockStatus;
import dev.exhibit.acquire.badsector.RescueMap;
import dev.exhibit.acquire.device.DeviceIdentity;
import dev.exhibit.acquire.source.SourceDevice;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Proves, before a resume writes anything, that the source it is given is the one the interrupted acquisition read:
 * size, sector size and kind as logged ({@link SourceFacts#requireSame}, with the drive's model and serial where it
 * has them), and the bytes themselves: logged windows are read again from the source and must hash as logged (the
 * last one and up to {@link #EARLIER_WINDOWS} earlier ones, skipping windows with unreadable sectors), and image
 * bytes that the bad-sector map alone vouches for are compared with the source at a few places. A source of the same
 * size with other bytes would otherwise make the image the first part of one disk and the rest of another.
 */
final class SourceMatch {
    static final int EARLIER_WINDOWS = 3;
    static final int MAP_SAMPLES = 4;
    static final int SAMPLE_BYTES = 64 << 10;
    private static final int CHUNK_BYTES = 4 << 20;

    private SourceMatch() {}

    /** Reads image bytes for a comparison with the source; returns how many it read. */
    @FunctionalInterface
    interface ImageBytes {
        long read(long byteOffset, MemorySegment into) throws IOException;
    }

    /** A range of image bytes [start, end) that only the map, or only an E01's kept chunks, vouch for. */
    record Range(long start, long end) {}

    /**
     * Refuses another source; returns the {@code source} member of the {@code resume} record.
     *
     * @param vouched image bytes that nothing logged vouches for, compared with the source at a few places
     */
    static ObjectNode require(
            SourceDevice source,
            DeviceIdentity identity,
            Resumption.Logged facts,
            List<Range> vouched,
            ImageBytes image)
            throws IOException {
        SourceFacts.requireSame(facts.source(), source, identity);
        ObjectNode out = Jcs.object();
        out.put("path", source.path().toString());
        out.put("realPath", source.realPath().toString());
        out.put("kind", source.kind());
        out.put("sizeBytes", source.sizeBytes());
        out.put("logicalSectorBytes", source.logicalSectorBytes());
        out.set(
                "device",
                identity == null
                        ? Jcs.mapper().getNodeFactory().textNode(DeviceIdentity.UNKNOWN)
                        : identity.deviceJson());
        out.put("loggedPath", facts.source().path("path").asText());
        out.put("loggedRealPath", facts.source().path("realPath").asText());
        ArrayNode windows = out.putArray("windowsReread");
        for (JsonNode w : chosenWindows(facts)) {
            String actual = sha256(
                    source, w.path("byteOffset").asLong(), w.path("lengthBytes").asLong());
            if (actual == null) {
                continue;
            }
            if (!actual.equals(w.path("sha256").asText())) {
                throw ExhibitException.usage(source.path() + " is not the source of the acquisition being resumed:"
                        + " window " + w.path("index").asLong() + " (bytes "
                        + w.path("byteOffset").asLong() + " to "
                        + (w.path("byteOffset").asLong() + w.path("lengthBytes").asLong() - 1) + ") was logged with"
                        + " SHA-256 " + w.path("sha256").asText() + ", and " + source.path() + " gives " + actual
                        + " there; nothing was written (resume with the source the log names: "
                        + facts.source().path("path").asText() + ")");
            }
            ObjectNode r = windows.addObject();
            r.put("index", w.path("index").asLong());
            r.put("byteOffset", w.path("byteOffset").asLong());
            r.put("lengthBytes", w.path("lengthBytes").asLong());
            r.put("sha256", actual);
        }
        ArrayNode samples = out.putArray("imageSamplesCompared");
        compareSamples(source, vouched, image, samples);
        out.put("contentChecked", !windows.isEmpty() || !samples.isEmpty());
        return out;
    }

    /** The last logged window and up to {@link #EARLIER_WINDOWS} earlier ones, evenly spread, without bad sectors. */
    private static List<JsonNode> chosenWindows(Resumption.Logged facts) {
        List<JsonNode> clean = new ArrayList<>();
        for (JsonNode w : facts.windowsFromStart()) {
            if (!overlapsBadRange(w, facts.badRanges())) {
                clean.add(w);
            }
        }
        if (clean.isEmpty()) {
            return clean;
        }
        // The last window first: it borders the bytes the resume will read from this source.
        Set<JsonNode> chosen = new LinkedHashSet<>();
        chosen.add(clean.getLast());
        int earlier = clean.size() - 1;
        int m = Math.min(EARLIER_WINDOWS, earlier);
        for (int k = 0; k < m; k++) {
            chosen.add(clean.get((int) ((long) k * earlier / m)));
        }
        return new ArrayList<>(chosen);
    }

    private static boolean overlapsBadRange(JsonNode w, List<JsonNode> badRanges) {
        long start = w.path("byteOffset").asLong();
        long end = start + w.path("lengthBytes").asLong();
        for (JsonNode b : badRanges) {
            long bs = b.path("byteOffset").asLong();
            if (bs < end && bs + b.path("lengthBytes").asLong() > start) {
                return true;
            }
        }
        return false;
    }

    /** The SHA-256 of a range of the source, or null when part of it cannot be read now (a failing drive). */
    private static String sha256(SourceDevice source, long byteOffset, long lengthBytes) throws IOException {
        MessageDigest md = HashAlgorithm.SHA256.newDigest();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(CHUNK_BYTES);
            for (long at = byteOffset; at < byteOffset + lengthBytes; ) {
                MemorySegment slice = buf.asSlice(0, Math.min(CHUNK_BYTES, byteOffset + lengthBytes - at));
                long n;
                try {
                    n = source.read(slice, at);
                } catch (IOException e) {
                    return null;
                }
                if (n <= 0) {
                    return null;
                }
                md.update(slice.asSlice(0, n).asByteBuffer());
                at += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The bytes past {@code loggedBytes} that the map alone says the image holds, or none without a map. */
    static List<Range> mapVouched(RescueMap map, long loggedBytes) {
        List<Range> out = new ArrayList<>();
        if (map != null) {
            for (Block b : map.blocks(EnumSet.of(BlockStatus.FINISHED))) {
                out.add(new Range(Math.max(b.byteOffset(), loggedBytes), b.endByte()));
            }
        }
        return out;
    }

    /** Compares the source with the image where only the map (or an E01's chunks) says it holds the source's bytes. */
    private static void compareSamples(SourceDevice source, List<Range> vouched, ImageBytes image, ArrayNode out)
            throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (Range b : vouched) {
            if (b.end() - b.start() >= SAMPLE_BYTES) {
                offsets.add(b.start());
                offsets.add(b.end() - SAMPLE_BYTES);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        List<Long> picked = new ArrayList<>();
        for (int k = 0; k < MAP_SAMPLES && k < offsets.size(); k++) {
            picked.add(offsets.get((int) ((long) k * (offsets.size() - 1) / Math.max(1, MAP_SAMPLES - 1))));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(SAMPLE_BYTES);
            MemorySegment b = arena.allocate(SAMPLE_BYTES);
            for (long at : new LinkedHashSet<>(picked)) {
                long fromImage = image.read(at, a);
                long fromSource;
                try {
                    fromSource = source.read(b, at);
                } catch (IOException e) {
                    continue;
                }
                if (fromImage != SAMPLE_BYTES || fromSource != SAMPLE_BYTES) {
                    continue;
                }
                if (!Arrays.equals(
                        a.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        b.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))) {
                    throw ExhibitException.usage(source.path() + " is not the source of the acquisition being"
                            + " resumed: its " + SAMPLE_BYTES + " bytes at byte " + at + " differ from the image,"
                            + " which the bad-sector map records as read there; nothing was written");
                }
                out.addObject().put("byteOffset", at).put("lengthBytes", SAMPLE_BYTES);
            }
        }
    }
}

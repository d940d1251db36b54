package dev.exhibit.report.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.report.casefile.CaseDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code report verify --evidence}: reads every image file of every item again and compares the whole-image hash of
 * each algorithm with the acquired hash in the record, each file with its segment hash, and, to say where a change
 * is, each window with the piecewise hash in the acquisition log. Images are only read.
 */
final class EvidenceRehash {
    static final int BUFFER_BYTES = 1 << 20;
    /** The file a raw (unsplit) acquisition writes when the log lists no segments. */
    static final String RAW_IMAGE = "image.raw";

    private EvidenceRehash() {}

    record Window(long byteOffset, long lengthBytes, String sha256) {}

    record Segment(Path file, String name, long lengthBytes, String sha256) {}

    static void check(CaseDirectory c, JsonNode record, List<Check> out) throws IOException {
        for (JsonNode item : record.path("evidence")) {
            String id = item.path("id").asText();
            String subject = "evidence " + id;
            Path dir;
            try {
                dir = c.existingEvidenceDirectory(id);
            } catch (IllegalArgumentException e) {
                out.add(Check.fail(subject, e.getMessage()));
                continue;
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (JsonNode h : item.path("hashes")) {
                if (h.path("scope").asText().equals("acquired")) {
                    expected.put(h.path("algorithm").asText(), h.path("value").asText());
                }
            }
            if (expected.isEmpty()) {
                out.add(Check.info(subject, "no acquired hash in the record; nothing to re-hash"));
                continue;
            }
            List<Segment> segments = segments(dir, item);
            if (segments.isEmpty()) {
                out.add(Check.fail(subject, "no image file found in " + c.relative(dir)));
                continue;
            }
            if (EwfRehash.FORMAT.equals(item.path("image").path("format").asText())) {
                EwfRehash.rehash(c, subject, segments, windows(dir, item), expected, out);
            } else {
                rehash(c, dir, item, subject, segments, expected, out);
            }
        }
    }

    private static List<Segment> segments(Path dir, JsonNode item) {
        List<Segment> out = new ArrayList<>();
        for (JsonNode s : item.path("image").path("segments")) {
            String name = s.path("file").asText();
            Path f = dir.resolve(name).normalize();
            if (!f.startsWith(dir) || name.isEmpty()) {
                continue;
            }
            // a split raw segment logs the media bytes it holds, an E01 segment file its own size
            long bytes = s.has("fileBytes")
                    ? s.path("fileBytes").asLong(-1)
                    : s.path("lengthBytes").asLong(-1);
            out.add(new Segment(f, name, bytes, s.path("sha256").asText(null)));
        }
        if (out.isEmpty()) {
            // A raw image has no segment records; the end record names its file.
            for (JsonNode f : item.path("image").path("files")) {
                Path file = dir.resolve(f.asText()).normalize();
                if (file.startsWith(dir) && !f.asText().isEmpty()) {
                    out.add(new Segment(file, f.asText(), -1, null));
                }
            }
        }
        if (out.isEmpty() && Files.isRegularFile(dir.resolve(RAW_IMAGE))) {
            out.add(new Segment(dir.resolve(RAW_IMAGE), RAW_IMAGE, -1, null));
        }
        return out;
    }

    private static void rehash(
            CaseDirectory c,
            Path dir,
            JsonNode item,
            String subject,
            List<Segment> segments,
            Map<String, String> expected,
            List<Check> out)
            throws IOException {
        int before = out.size();
        if (!sizesMatch(c, subject, segments, out)) {
            return;
        }
        // One pass for the whole-image hashes; only when one differs, a second pass says where.
        Map<String, MessageDigest> whole = new LinkedHashMap<>();
        for (String alg : expected.keySet()) {
            whole.put(alg, HashAlgorithm.fromId(alg).newDigest());
        }
        stream(segments, b -> {}, (buf, n) -> whole.values().forEach(md -> md.update(buf, 0, n)));
        for (Map.Entry<String, MessageDigest> e : whole.entrySet()) {
            String got = HexFormat.of().formatHex(e.getValue().digest());
            String want = expected.get(e.getKey());
            if (!got.equals(want)) {
                out.add(Check.fail(subject, "image " + e.getKey() + " is " + got + ", acquired " + want));
            }
        }
        if (out.size() == before) {
            out.add(Check.pass(
                    subject, "image re-read: " + String.join(", ", expected.keySet()) + " match the acquisition"));
            return;
        }
        locate(c, dir, item, subject, segments, out);
    }

    /**
     * Adds a failure for each file whose size is not the logged one.
     *
     * @return false when a file is missing, so that nothing more can be read
     */
    static boolean sizesMatch(CaseDirectory c, String subject, List<Segment> segments, List<Check> out)
            throws IOException {
        for (Segment s : segments) {
            if (!Files.isRegularFile(s.file())) {
                out.add(Check.fail(subject, c.relative(s.file()) + " is missing"));
                return false;
            }
            long size = Files.size(s.file());
            if (s.lengthBytes() >= 0 && size != s.lengthBytes()) {
                out.add(Check.fail(
                        subject, c.relative(s.file()) + " is " + size + " bytes; the log says " + s.lengthBytes()));
            }
        }
        return true;
    }

    /** The second pass after a mismatch: which image file, and the first window whose piecewise hash differs. */
    private static void locate(
            CaseDirectory c, Path dir, JsonNode item, String subject, List<Segment> segments, List<Check> out)
            throws IOException {
        WindowCursor cursor = new WindowCursor(windows(dir, item));
        MessageDigest[] segmentDigest = new MessageDigest[1];
        stream(
                segments,
                b -> {
                    if (b.previous() != null) {
                        finishSegment(c, subject, b.previous(), segmentDigest[0], out);
                    }
                    segmentDigest[0] = HashAlgorithm.SHA256.newDigest();
                },
                (buf, n) -> {
                    segmentDigest[0].update(buf, 0, n);
                    cursor.feed(buf, n);
                });
        finishSegment(c, subject, segments.getLast(), segmentDigest[0], out);
        if (cursor.firstMismatch != null) {
            Window w = cursor.firstMismatch;
            out.add(Check.fail(
                    subject,
                    "first changed region: bytes " + w.byteOffset() + "–" + (w.byteOffset() + w.lengthBytes() - 1)
                            + " (piecewise SHA-256 differs from the log)"));
        }
    }

    private static void finishSegment(
            CaseDirectory c, String subject, Segment s, MessageDigest digest, List<Check> out) {
        String got = HexFormat.of().formatHex(digest.digest());
        if (s.sha256() != null && !s.sha256().equals(got)) {
            out.add(Check.fail(
                    subject, c.relative(s.file()) + " has SHA-256 " + got + "; the log recorded " + s.sha256()));
        }
    }

    /** Where a new file starts while streaming; {@code previous} is the file before it, or null for the first. */
    private record Boundary(Segment next, Segment previous) {}

    @FunctionalInterface
    private interface Chunk {
        void accept(byte[] buf, int n);
    }

    /** Reads every file in order, announcing each file before its bytes. */
    private static void stream(List<Segment> segments, Consumer<Boundary> onFile, Chunk chunk) throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        Segment previous = null;
        for (Segment s : segments) {
            onFile.accept(new Boundary(s, previous));
            try (InputStream in = Files.newInputStream(s.file())) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    chunk.accept(buf, n);
                }
            }
            previous = s;
        }
    }

    static List<Window> windows(Path dir, JsonNode item) throws IOException {
        List<Window> out = new ArrayList<>();
        Path log = dir.resolve(AcquisitionLog.FILE_NAME);
        if (!Files.isRegularFile(log)) {
            return out;
        }
        for (JsonNode w : AcquisitionLog.read(
                        log, item.path("log").path("records").asLong())
                .all("window")) {
            out.add(new Window(
                    w.path("byteOffset").asLong(),
                    w.path("lengthBytes").asLong(),
                    w.path("sha256").asText()));
        }
        out.sort(java.util.Comparator.comparingLong(Window::byteOffset));
        return out;
    }

    /** Hashes the byte stream window by window, remembering the first window whose hash differs from the log. */
    static final class WindowCursor {
        private final List<Window> windows;
        private int index;
        private long position;
        private MessageDigest digest = HashAlgorithm.SHA256.newDigest();
        private boolean digestFresh = true;
        Window firstMismatch;

        WindowCursor(List<Window> windows) {
            this.windows = windows;
        }

        void feed(byte[] buf, int n) {
            int off = 0;
            while (off < n && index < windows.size()) {
                Window w = windows.get(index);
                long end = w.byteOffset() + w.lengthBytes();
                if (position >= end || position > w.byteOffset() && digestFresh) {
                    // A window overlapping one already hashed (a resumed run logs some twice): not comparable.
                    index++;
                    continue;
                }
                if (position < w.byteOffset()) {
                    int skip = (int) Math.min(n - off, w.byteOffset() - position);
                    off += skip;
                    position += skip;
                    continue;
                }
                int take = (int) Math.min(n - off, end - position);
                digest.update(buf, off, take);
                digestFresh = false;
                off += take;
                position += take;
                if (position == end) {
                    if (firstMismatch == null
                            && !HexFormat.of().formatHex(digest.digest()).equals(w.sha256())) {
                        firstMismatch = w;
                    }
                    digest = HashAlgorithm.SHA256.newDigest();
                    digestFresh = true;
                    index++;
                }
            }
            position += n - off;
        }
    }
}

package dev.exhibit.report.verify;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.image.ewf.EwfCheck;
import dev.exhibit.image.ewf.EwfCheckReport;
import dev.exhibit.image.ewf.EwfFinding;
import dev.exhibit.report.casefile.CaseDirectory;
import dev.exhibit.report.verify.EvidenceRehash.Segment;
import dev.exhibit.report.verify.EvidenceRehash.Window;
import dev.exhibit.report.verify.EvidenceRehash.WindowCursor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report verify --evidence} for an E01 item: each segment file against the SHA-256 the log recorded for it,
 * then the set checked whole (every section and chunk) while its media is hashed per algorithm and window by window,
 * so that a change is named by file, chunk and media bytes as well as by the acquired hash it breaks.
 */
final class EwfRehash {
    /** How the acquisition log names the format. */
    static final String FORMAT = "e01";
    /** Findings shown per item; the rest are counted, so a wrecked set does not bury the report. */
    private static final int MAX_FINDINGS_SHOWN = 10;

    private EwfRehash() {}

    static void rehash(
            CaseDirectory c,
            String subject,
            List<Segment> segments,
            List<Window> windows,
            Map<String, String> expected,
            List<Check> out)
            throws IOException {
        int before = out.size();
        if (!EvidenceRehash.sizesMatch(c, subject, segments, out)) {
            return;
        }
        for (Segment s : segments) {
            if (s.sha256() != null) {
                String got = HashAlgorithm.SHA256.hexOf(s.file());
                if (!got.equals(s.sha256())) {
                    out.add(Check.fail(
                            subject,
                            c.relative(s.file()) + " has SHA-256 " + got + "; the log recorded " + s.sha256()));
                }
            }
        }
        List<HashAlgorithm> algorithms = new ArrayList<>();
        expected.keySet().forEach(a -> algorithms.add(HashAlgorithm.fromId(a)));
        WindowCursor cursor = new WindowCursor(windows);
        byte[] copy = new byte[EvidenceRehash.BUFFER_BYTES];
        Path first = segments.getFirst().file();
        EwfCheckReport report = EwfCheck.check(first, algorithms, media -> feed(cursor, media, copy));
        List<EwfFinding> errors = report.findings().stream()
                .filter(f -> f.severity() == EwfFinding.Severity.ERROR)
                .toList();
        errors.stream()
                .limit(MAX_FINDINGS_SHOWN)
                .forEach(f -> out.add(Check.fail(subject, "E01 set " + c.relative(first) + ": " + f)));
        if (errors.size() > MAX_FINDINGS_SHOWN) {
            out.add(Check.fail(subject, (errors.size() - MAX_FINDINGS_SHOWN) + " more errors in the E01 set"));
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = report.computed().get(HashAlgorithm.fromId(e.getKey()));
            if (!e.getValue().equals(got)) {
                out.add(Check.fail(subject, "media " + e.getKey() + " is " + got + ", acquired " + e.getValue()));
            }
        }
        if (cursor.firstMismatch != null) {
            Window w = cursor.firstMismatch;
            out.add(Check.fail(
                    subject,
                    "first changed region: media bytes " + w.byteOffset() + "–" + (w.byteOffset() + w.lengthBytes() - 1)
                            + " (piecewise SHA-256 differs from the log)"));
        }
        if (out.size() == before) {
            out.add(Check.pass(
                    subject,
                    "E01 set re-read (" + segments.size() + (segments.size() == 1 ? " segment file" : " segment files")
                            + ", every chunk checked): "
                            + String.join(", ", expected.keySet()) + " of its media match the acquisition"));
        }
    }

    private static void feed(WindowCursor cursor, ByteBuffer media, byte[] copy) {
        ByteBuffer b = media.duplicate();
        while (b.hasRemaining()) {
            int n = Math.min(copy.length, b.remaining());
            b.get(copy, 0, n);
            cursor.feed(copy, n);
        }
    }
}

package dev.exhibit.cli;

import dev.exhibit.acquire.Progress;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.AcquisitionLog;
import dev.exhibit.image.ewf.EwfCheck;
import dev.exhibit.image.ewf.EwfCheckReport;
import dev.exhibit.image.ewf.EwfCompression;
import dev.exhibit.image.ewf.EwfFinding;
import dev.exhibit.image.ewf.EwfInfo;
import dev.exhibit.image.ewf.EwfReader;
import dev.exhibit.image.ewf.SectorRange;
import dev.exhibit.report.text.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code exhibit verify FILE.E01}: an E01 set made by any tool, checked on its own (structure, every chunk, the stored
 * hashes against the media), without an acquisition log. Nothing is written: the set may be someone else's evidence.
 */
final class VerifyEwfFile {
    /** What is computed besides what the set stores: SHA-256 has no place in E01, so it is worth printing. */
    private static final List<HashAlgorithm> ALGORITHMS =
            List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);

    private VerifyEwfFile() {}

    /** Whether {@code path} is a regular file that starts like an EWF segment (content, not extension, decides). */
    static boolean isEwf(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return EwfReader.startsLikeEwf(in.readNBytes(EwfReader.SIGNATURE_BYTES));
        }
    }

    /** Checks the set, prints what it says and what was found; true when nothing is wrong. */
    static boolean verify(PrintWriter out, Path firstSegment) throws IOException {
        EwfCheckReport r;
        try (ProgressDisplay progress = ProgressDisplay.onTerminal("Verifying E01")) {
            r = EwfCheck.check(firstSegment, ALGORITHMS, progressOf(progress, mediaBytes(firstSegment)));
        }
        out.println((r.passed() ? "OK: " : "FAILED: ") + "E01 set " + firstSegment);
        EwfInfo info = r.info();
        if (info != null) {
            describe(out, info);
            r.computed()
                    .forEach((a, h) -> out.printf(Locale.ROOT, "  %-8s %s %s%n", a.id() + ":", h, verdict(a, h, info)));
        }
        for (EwfFinding f : r.findings()) {
            out.println("  " + VisibleText.plain(f.toString()));
        }
        if (Files.isRegularFile(firstSegment.resolveSibling(AcquisitionLog.FILE_NAME))) {
            out.println("  note: " + AcquisitionLog.FILE_NAME + " lies beside it: `exhibit verify "
                    + firstSegment.toAbsolutePath().getParent() + "` also checks the set against that log");
        }
        out.flush();
        return r.passed();
    }

    private static void describe(PrintWriter out, EwfInfo info) {
        out.printf(
                Locale.ROOT,
                "  %d segment file%s; media %d bytes (%d sectors of %d bytes), %d chunks of %d bytes, compression %s,"
                        + " %s%n",
                info.segments().size(),
                info.segments().size() == 1 ? "" : "s",
                info.mediaBytes(),
                info.sectorCount(),
                info.bytesPerSector(),
                info.chunkCount(),
                info.chunkBytes(),
                compression(info.compressionLevel()),
                info.physical() ? "a physical device" : "not a physical device (a partition, volume or file)");
        out.println("  case " + shown(info.caseNumber()) + ", evidence " + shown(info.evidenceNumber()) + ", examiner "
                + shown(info.examiner()));
        if (!info.description().isEmpty()) {
            out.println("  description: " + shown(info.description()));
        }
        if (!info.notes().isEmpty()) {
            out.println("  notes: " + shown(info.notes()));
        }
        String acquired =
                info.acquired() == null ? "at a time the set does not give in UTC" : "at " + Times.utc(info.acquired());
        out.println("  acquired " + acquired + " by " + shown(info.toolVersion()) + " on "
                + shown(info.header().getOrDefault("ov", "")));
        List<SectorRange> errors = info.errors();
        if (errors.isEmpty()) {
            out.println("  read errors recorded by the acquiring tool (error2): none");
        } else {
            long sectors = errors.stream().mapToLong(SectorRange::sectorCount).sum();
            out.println("  read errors recorded by the acquiring tool (error2): " + sectors
                    + (sectors == 1 ? " sector in " : " sectors in ") + errors.size()
                    + (errors.size() == 1 ? " range" : " ranges") + ", filled in the image:");
            for (SectorRange e : errors) {
                out.println("    sectors " + e.firstSector() + ".." + (e.firstSector() + e.sectorCount() - 1) + " ("
                        + e.sectorCount() + ")");
            }
        }
    }

    private static String verdict(HashAlgorithm a, String computed, EwfInfo info) {
        String stored = a == HashAlgorithm.MD5 ? info.storedMd5() : a == HashAlgorithm.SHA1 ? info.storedSha1() : null;
        if (a == HashAlgorithm.SHA256) {
            return "(E01 has no place for SHA-256: computed only)";
        }
        if (stored == null) {
            return "(none stored in the set)";
        }
        return stored.equals(computed) ? "matches the stored hash" : "DIFFERS from the stored " + stored;
    }

    private static String compression(int level) {
        return switch (level) {
            case 0 -> EwfCompression.NONE.cliName() + " or " + EwfCompression.EMPTY_BLOCK.cliName();
            case 1 -> EwfCompression.FAST.cliName();
            case 2 -> EwfCompression.BEST.cliName();
            default -> "unknown (volume byte 52 is " + level + ")";
        };
    }

    private static String shown(String evidenceText) {
        return evidenceText.isEmpty() ? "(none)" : "'" + VisibleText.plain(evidenceText) + "'";
    }

    /** The media size the set declares, for the progress line only; 0 when it cannot be read (the check says why). */
    private static long mediaBytes(Path firstSegment) {
        try (EwfReader reader = EwfReader.open(firstSegment)) {
            return reader.sizeBytes();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Counts the media handed over in order, to drive the progress line. */
    private static Consumer<ByteBuffer> progressOf(Progress progress, long totalBytes) {
        long start = System.nanoTime();
        long[] done = {0, 0};
        return buffer -> {
            done[0] += buffer.remaining();
            long now = System.nanoTime();
            if (now - done[1] > 200_000_000L) {
                done[1] = now;
                progress.update(
                        new Progress.Snapshot(done[0], Math.max(done[0], totalBytes), 0, "verifying", 0, now - start));
            }
        };
    }
}

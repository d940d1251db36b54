package dev.exhibit.acquire;

import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.acquire.writeblock.HardwareBlocker;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.digest.HashAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code exhibit acquire SOURCE OUTDIR} was asked to do.
 *
 * @param windowBytes size of the piecewise-hash windows, a multiple of the source's sector size
 * @param splitBytes size of the segment files, or 0 for one {@code image.raw}
 * @param retries how many more times an unreadable sector is read after it first fails
 * @param maxBadSectors stop (resumable) once more sectors than this are unreadable; -1 for no limit
 * @param writeBlockCheck whether a block device must be read-only and unmounted before the acquisition starts
 * @param hardwareBlocker the hardware write blocker the examiner declares, or null
 * @param directIo whether whole blocks are written to the image with direct I/O where the file system allows it
 * @param timeStampAuthority the RFC 3161 authority that will time-stamp the log's final head (named in the start
 *     record, so that a log without the stamp it asked for says so), or null
 * @param ewf how to write an E01 set ({@code --format e01}), or null for raw ({@code splitBytes} 0) or split-raw
 */
public record AcquireRequest(
        Path source,
        Path outDir,
        List<HashAlgorithm> hashes,
        long windowBytes,
        long splitBytes,
        CaseFields caseFields,
        int retries,
        FillPattern fill,
        long maxBadSectors,
        boolean writeBlockCheck,
        HardwareBlocker hardwareBlocker,
        boolean directIo,
        Invocation invocation,
        String timeStampAuthority,
        EwfOptions ewf) {

    public static final long DEFAULT_WINDOW_BYTES = 64L << 20;
    public static final List<HashAlgorithm> DEFAULT_HASHES =
            List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);

    public AcquireRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outDir, "outDir");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(caseFields, "caseFields");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(invocation, "invocation");
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("--hash must name at least one algorithm");
        }
        if (windowBytes <= 0) {
            throw new IllegalArgumentException("--window (" + windowBytes + " bytes) must be positive");
        }
        if (splitBytes < 0) {
            throw new IllegalArgumentException("--split (" + splitBytes + " bytes) must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retries (" + retries + ") must not be negative");
        }
        if (maxBadSectors < -1) {
            throw new IllegalArgumentException("--max-bad (" + maxBadSectors + ") must not be negative");
        }
        if (ewf != null && splitBytes > 0) {
            throw new IllegalArgumentException("--split " + splitBytes + " bytes: an E01 set is cut into segment"
                    + " files by --segment-size, not --split");
        }
        if (ewf != null) {
            EwfOptions.requireZeroFill(fill);
        }
        if (ewf != null && !hashes.containsAll(List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1))) {
            // an E01 stores the MD5 (hash section) and the SHA-1 (digest section) of its media: always compute them
            hashes = withE01Hashes(hashes);
        }
    }

    /** {@code hashes} with MD5 and SHA-1 first, the two an E01 stores, and the others in their order. */
    static List<HashAlgorithm> withE01Hashes(List<HashAlgorithm> hashes) {
        List<HashAlgorithm> out = new ArrayList<>(List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1));
        hashes.stream().filter(h -> !out.contains(h)).forEach(out::add);
        return List.copyOf(out);
    }
}

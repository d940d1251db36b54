package dev.exhibit.acquire.verify;

import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.evidence.Anchor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one verification found.
 *
 * @param scope {@code image} (the image files re-read) or {@code source} (the source re-read)
 * @param chainProblems every break in the log's hash chain, as {@code line N: ...}
 * @param chainContinuations every {@code chain-continued} record, as {@code line N continued the chain past ...}: the
 *     chain is intact only as continued, not as written
 * @param complete whether the acquisition ended with an end record (otherwise only its logged windows are checked)
 * @param hashes the digests of what was re-read, when all of it could be
 * @param notes facts worth knowing that are not mismatches (flash media, an incomplete acquisition)
 * @param anchors what outside the log vouches for it (the custody log of the case it belongs to, time stamps), each
 *     checked against the log as it is now
 * @param recorded how the verification was recorded: appended to the log, or why not
 */
public record VerifyReport(
        String scope,
        Path outDir,
        Path read,
        List<String> chainProblems,
        List<String> chainContinuations,
        boolean complete,
        Map<HashAlgorithm, String> hashes,
        Map<String, String> expected,
        List<Mismatch> mismatches,
        List<String> notes,
        long bytesRead,
        long windowsChecked,
        long windowsLogged,
        long badSectors,
        List<Anchor> anchors,
        String recorded) {

    public VerifyReport {
        chainProblems = List.copyOf(chainProblems);
        chainContinuations = List.copyOf(chainContinuations);
        hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
        expected = Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        mismatches = List.copyOf(mismatches);
        notes = List.copyOf(notes);
        anchors = List.copyOf(anchors);
    }

    /** Everything matched: the chain is intact, the acquisition complete, no byte differs and no anchor either. */
    public boolean ok() {
        return chainProblems.isEmpty()
                && complete
                && mismatches.isEmpty()
                && anchors.stream().noneMatch(a -> a.differs());
    }
}

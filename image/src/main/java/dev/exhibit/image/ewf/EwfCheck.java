package dev.exhibit.image.ewf;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Verifies an E01 set in one pass, more strictly than ewfverify: every section descriptor and payload checksum, every
 * chunk's Adler-32 or zlib stream and its decoded length, the chunk count against the volume, table2 against table,
 * segment numbering and gaps, the set GUID in every segment, header2 against header, and the stored MD5 and SHA-1
 * against those computed. Where ewfverify stays silent (no stored hash, a damaged table2, an unknown section) there is
 * a finding too. Chunks are decoded in parallel on every core; each digest has its own thread.
 */
public final class EwfCheck {
    private EwfCheck() {}

    /**
     * Checks the set whose first segment is given, computing {@code algorithms} over the media (and MD5 and SHA-1
     * whenever the set stores them), handing the media bytes in order to {@code media} when it is not null (read-only
     * buffers, valid during the call). IOException only when the files cannot be read at all.
     */
    public static EwfCheckReport check(Path firstSegment, List<HashAlgorithm> algorithms, Consumer<ByteBuffer> media)
            throws IOException {
        Findings findings = Findings.collecting();
        try (SegmentChannels channels = new SegmentChannels()) {
            SetContents set;
            try {
                set = new SetParser(findings, channels).parse(firstSegment);
            } catch (EwfFormatException e) {
                // Recorded in the findings; the structure is too broken to decode chunks reliably.
                return new EwfCheckReport(null, Map.of(), findings.all());
            }
            EwfInfo info = set.info();
            List<HashAlgorithm> wanted = new ArrayList<>(algorithms);
            addIfStored(wanted, HashAlgorithm.MD5, info.storedMd5());
            addIfStored(wanted, HashAlgorithm.SHA1, info.storedSha1());
            Map<HashAlgorithm, String> computed = new CheckPipeline(set, channels, findings).run(wanted, media);
            compare(info, computed, findings);
            Map<HashAlgorithm, String> ordered = new LinkedHashMap<>(computed);
            return new EwfCheckReport(info, ordered, findings.all());
        }
    }

    private static void addIfStored(List<HashAlgorithm> wanted, HashAlgorithm a, String stored) {
        if (stored != null && !wanted.contains(a)) {
            wanted.add(a);
        }
    }

    private static void compare(EwfInfo info, Map<HashAlgorithm, String> computed, Findings findings) {
        Path last = info.segments().getLast();
        if (info.storedMd5() == null) {
            findings.error(
                    last,
                    SectionDescriptor.HASH,
                    -1,
                    "no MD5 stored in the image: its media cannot be"
                            + " checked against the acquisition's own hash (ewfverify says N/A and succeeds)");
        } else if (!info.storedMd5().equals(computed.get(HashAlgorithm.MD5))) {
            findings.add(new EwfFinding(
                    EwfFinding.Severity.ERROR,
                    last,
                    SectionDescriptor.HASH,
                    -1,
                    -1,
                    0,
                    info.mediaBytes(),
                    "stored MD5 " + info.storedMd5() + " differs from the computed "
                            + computed.get(HashAlgorithm.MD5)));
        }
        if (info.storedSha1() != null && !info.storedSha1().equals(computed.get(HashAlgorithm.SHA1))) {
            findings.add(new EwfFinding(
                    EwfFinding.Severity.ERROR,
                    last,
                    SectionDescriptor.DIGEST,
                    -1,
                    -1,
                    0,
                    info.mediaBytes(),
                    "stored SHA-1 " + info.storedSha1() + " differs from the computed "
                            + computed.get(HashAlgorithm.SHA1)));
        }
    }
}

package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import dev.exhibit.image.ewf.EwfInfo;
import dev.exhibit.image.ewf.EwfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SHA-256 of each file of a finished E01 set, logged as {@code segment} records, and the hashes the set itself
 * stores, read back from its files, as an {@code image-stored-hashes} record. An E01 cannot hold a SHA-256 of its own,
 * and its files are complete only once the set is finished (the writer goes back to patch section descriptors), so
 * they are hashed then, from the files as they are on disk.
 */
final class SegmentFiles {
    private SegmentFiles() {}

    static void log(AcquisitionLogWriter log, List<Path> files, Map<HashAlgorithm, String> computed)
            throws IOException {
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            ObjectNode s = Jcs.object();
            s.put("index", i + 1);
            s.put("file", f.getFileName().toString());
            s.put("fileBytes", Files.size(f));
            s.put("sha256", HashAlgorithm.SHA256.hexOf(f));
            log.append("segment", s);
        }
        logStoredHashes(log, files.getFirst(), computed);
    }

    /**
     * What a reader of the set (ewfinfo, EnCase, the court's expert) will see as its hashes, read back from the
     * finished files rather than taken from what was handed to the writer, beside the digests computed while acquiring.
     */
    private static void logStoredHashes(AcquisitionLogWriter log, Path first, Map<HashAlgorithm, String> computed)
            throws IOException {
        EwfInfo info;
        try (EwfReader reader = EwfReader.open(first)) {
            info = reader.info();
        }
        ObjectNode r = Jcs.object();
        r.put("file", first.getFileName().toString());
        ObjectNode stored = r.putObject("stored");
        stored.put("md5", info.storedMd5());
        stored.put("sha1", info.storedSha1());
        boolean match = Objects.equals(info.storedMd5(), computed.get(HashAlgorithm.MD5))
                && Objects.equals(info.storedSha1(), computed.get(HashAlgorithm.SHA1));
        r.put("verdict", match ? "match" : "mismatch");
        log.append("image-stored-hashes", r);
        if (!match) {
            throw new ExhibitException(
                    ExhibitException.Kind.EVIDENCE,
                    first + " stores MD5 " + info.storedMd5() + " and SHA-1 " + info.storedSha1()
                            + ", not the digests computed while acquiring, " + computed.get(HashAlgorithm.MD5) + " and "
                            + computed.get(HashAlgorithm.SHA1));
        }
    }
}

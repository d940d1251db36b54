package dev.exhibit.acquire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.acquire.log.AcquisitionLogWriter;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SHA-256 of each file of a finished E01 set, logged as {@code segment} records. An E01 cannot hold a SHA-256 of
 * its own, and its files are complete only once the set is finished (the writer goes back to patch section
 * descriptors), so they are hashed then, from the files as they are on disk.
 */
final class SegmentFiles {
    private SegmentFiles() {}

    static void log(AcquisitionLogWriter log, List<Path> files) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            ObjectNode s = Jcs.object();
            s.put("index", i + 1);
            s.put("file", f.getFileName().toString());
            s.put("fileBytes", Files.size(f));
            s.put("sha256", HashAlgorithm.SHA256.hexOf(f));
            log.append("segment", s);
        }
    }
}

package dev.exhibit.image.qcow2;

import dev.exhibit.image.MediaFormatException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a compressed QCOW2 cluster: a raw deflate stream (no zlib header) that must give exactly one cluster. A
 * stream that would give more is refused as a decompression bomb; one that gives less as corrupt.
 */
final class ClusterInflater {
    private ClusterInflater() {}

    static byte[] inflate(Path file, ClusterEntry e, byte[] stored, int clusterBytes) throws MediaFormatException {
        byte[] out = new byte[clusterBytes];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(stored);
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && inflater.needsInput()) {
                    break;
                }
                n += got;
            }
            if (n < out.length) {
                throw MediaFormatException.at(
                        file,
                        e.describe(),
                        e.hostOffset(),
                        "deflate stream gives " + n + " bytes, not the cluster's " + clusterBytes);
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw MediaFormatException.at(
                        file,
                        e.describe(),
                        e.hostOffset(),
                        "deflate stream inflates past the cluster's " + clusterBytes
                                + " bytes: refused as a decompression bomb or a corrupt entry");
            }
            return out;
        } catch (DataFormatException ex) {
            throw MediaFormatException.at(
                    file, e.describe(), e.hostOffset(), "corrupt deflate data (" + ex.getMessage() + ")", ex);
        } finally {
            inflater.end();
        }
    }
}

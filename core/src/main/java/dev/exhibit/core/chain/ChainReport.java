package dev.exhibit.core.chain;

import dev.exhibit.core.digest.Sha256;
import java.nio.file.Path;
import java.util.List;

/**
 * What walking a chained log found.
 *
 * @param records how many lines the log holds, torn or not
 * @param headHash the SHA-256 of the last complete line, or {@code null} for an empty log
 * @param problems every break found, in line order; empty when the chain is intact
 */
public record ChainReport(Path file, long records, String headHash, List<Problem> problems) {

    public ChainReport {
        problems = List.copyOf(problems);
    }

    /** One break in the chain; {@code line} is 1-based, as editors and {@code sed -n Np} count. */
    public record Problem(long line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    public boolean intact() {
        return problems.isEmpty();
    }

    String headHashOrZero() {
        return headHash == null ? Sha256.ZERO : headHash;
    }
}

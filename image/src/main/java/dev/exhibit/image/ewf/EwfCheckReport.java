package dev.exhibit.image.ewf;

import dev.exhibit.core.digest.HashAlgorithm;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link EwfCheck}: what the set says about itself, the digests computed over its media, and every
 * finding.
 *
 * @param info the set's metadata, or null when its structure could not be read far enough to have any
 * @param computed lowercase hex digests of the media bytes (empty when the chunks could not be walked)
 */
public record EwfCheckReport(EwfInfo info, Map<HashAlgorithm, String> computed, List<EwfFinding> findings) {
    public EwfCheckReport {
        computed = Map.copyOf(computed);
        findings = List.copyOf(findings);
    }

    /** True when nothing is wrong: no ERROR finding (a missing stored hash is one). */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == EwfFinding.Severity.ERROR);
    }
}

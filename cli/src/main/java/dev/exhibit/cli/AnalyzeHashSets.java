package dev.exhibit.cli;

import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.analyze.hashset.HashSetStore;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code analyze files --hashset}: the sets named must exist, and each must hold digests of an algorithm the listing
 * computes; checked here, before the image is opened, so a mistyped name is a usage error at once.
 */
final class AnalyzeHashSets {
    private AnalyzeHashSets() {}

    /** The algorithms the sets hold, in md5, sha1, sha256 order: what to compute when --hash is not given. */
    static List<HashAlgorithm> algorithms(HashSetStore store, List<String> names) throws IOException {
        List<HashAlgorithm> all = new ArrayList<>();
        for (HashAlgorithm a : HashAlgorithm.values()) {
            for (String n : names) {
                if (store.manifest(n).algorithms().contains(a) && !all.contains(a)) {
                    all.add(a);
                }
            }
        }
        return all;
    }

    static void check(HashSetStore store, List<String> names, List<HashAlgorithm> computed) throws IOException {
        if (names.size() > HashSets.MAX_SETS) {
            throw ExhibitException.usage(
                    names.size() + " hash sets given; at most " + HashSets.MAX_SETS + " can be used at once");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw ExhibitException.usage("--hashset names a set twice: " + String.join(", ", names));
        }
        for (String n : names) {
            HashSetManifest m = store.manifest(n);
            if (m.algorithms().stream().noneMatch(computed::contains)) {
                throw ExhibitException.usage("hash set '" + n + "' holds " + ids(m.algorithms()) + " digests, and"
                        + " the listing computes " + (computed.isEmpty() ? "none" : ids(computed))
                        + ": add --hash " + m.algorithms().getFirst().id() + " (or leave --hash out)");
            }
        }
    }

    private static String ids(List<HashAlgorithm> algorithms) {
        return algorithms.stream().map(HashAlgorithm::id).collect(Collectors.joining(", "));
    }
}

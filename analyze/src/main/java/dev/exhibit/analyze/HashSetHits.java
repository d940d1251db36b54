package dev.exhibit.analyze;

import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.hashset.HashSetManifest;
import dev.exhibit.analyze.hashset.HashSets;
import dev.exhibit.analyze.hashset.SetKind;
import dev.exhibit.core.digest.HashAlgorithm;
import java.util.List;

/**
 * A listing's hash-set lookups: each stream's digests looked up as it is read, then, in the listing's order, each
 * notable stream reported as a note and the known and notable ones counted, as Autopsy's hash lookup does (a stream
 * in a notable set is notable whatever else holds it).
 */
final class HashSetHits {
    private final HashSets sets;
    private final Diagnostics diagnostics;
    private final String place;
    private long hashed;
    private long known;
    private long notable;

    /** @param place the file system, for messages ({@code partition p1 (sector 2048)}) */
    HashSetHits(HashSets sets, Diagnostics diagnostics, String place) {
        this.sets = sets;
        this.diagnostics = diagnostics;
        this.place = place;
    }

    /** The stream's content, with the sets that hold any of its digests. Thread-safe: readers call it. */
    StreamContent lookUp(StreamContent c) {
        long mask = 0;
        for (int i = 0; i < c.algorithms().size(); i++) {
            HashAlgorithm a = c.algorithms().get(i);
            if (sets.indexes(a)) {
                mask |= sets.lookup(a, c.digests().get(i));
            }
        }
        return c.in(sets.named(mask));
    }

    /** Counts a stream, in the listing's order, and reports it if it is notable. */
    void count(String where, StreamContent c) {
        hashed++;
        List<HashSetManifest> in = c.hashSets();
        if (in.stream().anyMatch(m -> m.kind() == SetKind.NOTABLE)) {
            notable++;
            StringBuilder digests = new StringBuilder();
            for (HashAlgorithm a : c.algorithms()) {
                digests.append(digests.isEmpty() ? "" : ", ")
                        .append(a.id())
                        .append(' ')
                        .append(c.hex(a));
            }
            diagnostics.note("notable: " + where + " in " + place + " is in " + describe(in) + "; " + digests);
        } else if (!in.isEmpty()) {
            known++;
        }
    }

    /** The counts of the file system. */
    void finish() {
        diagnostics.note("hash sets in " + place + ": " + hashed + " data streams hashed, " + known + " known, "
                + notable + " notable (looked up in " + describe(sets.sets()) + ")");
    }

    private static String describe(List<HashSetManifest> sets) {
        StringBuilder sb = new StringBuilder();
        for (HashSetManifest m : sets) {
            sb.append(sb.isEmpty() ? "" : ", ")
                    .append(m.name())
                    .append(" (")
                    .append(m.kind())
                    .append(')');
        }
        return sb.toString();
    }
}

package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Open hash sets, for lookups: which of them hold a digest. Thread-safe and allocation-free per lookup (the answer
 * is a bit mask over {@link #sets()}), so that many threads hashing files can ask at once. At most {@link #MAX_SETS}
 * sets are open together.
 */
public final class HashSets implements AutoCloseable {
    public static final int MAX_SETS = Long.SIZE;

    private final List<HashSetManifest> sets;
    /** [algorithm index][set index] → key file, or null when the set has no digests of that algorithm. */
    private final KeyFile[][] keys;

    private HashSets(List<HashSetManifest> sets, KeyFile[][] keys) {
        this.sets = List.copyOf(sets);
        this.keys = keys;
    }

    static HashSets open(HashSetStore store, List<HashSetManifest> manifests) throws IOException {
        if (manifests.size() > MAX_SETS) {
            throw new IllegalArgumentException(
                    manifests.size() + " hash sets given; at most " + MAX_SETS + " can be used at once");
        }
        KeyFile[][] keys = new KeyFile[Digests.INDEXED.length][manifests.size()];
        List<KeyFile> opened = new ArrayList<>();
        try {
            for (int s = 0; s < manifests.size(); s++) {
                HashSetManifest m = manifests.get(s);
                for (HashSetManifest.Index ix : m.indexes()) {
                    java.nio.file.Path file = store.setDirectory(m.name()).resolve(ix.file());
                    KeyFile k = KeyFile.open(file, ix.algorithm());
                    opened.add(k);
                    if (k.count() != ix.count()) {
                        throw KeyFile.damaged(
                                file,
                                "it holds " + k.count() + " keys where the set's manifest says " + ix.count()
                                        + " (if an import into the set was running, run this again)");
                    }
                    keys[TextListReader.index(ix.algorithm())][s] = k;
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(KeyFile::close);
            throw e;
        }
        return new HashSets(manifests, keys);
    }

    /** The open sets; bit {@code i} of a lookup's answer stands for {@code sets().get(i)}. */
    public List<HashSetManifest> sets() {
        return sets;
    }

    /**
     * The sets that hold {@code digest}, a binary digest of {@code algorithm}: bit {@code i} set for {@code
     * sets().get(i)}; 0 when none does (or none holds digests of that algorithm).
     */
    public long lookup(HashAlgorithm algorithm, byte[] digest) {
        if (algorithm == HashAlgorithm.SHA512) {
            return 0;
        }
        KeyFile[] byAlgorithm = keys[TextListReader.index(algorithm)];
        long mask = 0;
        for (int s = 0; s < byAlgorithm.length; s++) {
            if (byAlgorithm[s] != null && byAlgorithm[s].contains(digest)) {
                mask |= 1L << s;
            }
        }
        return mask;
    }

    /** Whether any open set holds digests of {@code algorithm}. */
    public boolean indexes(HashAlgorithm algorithm) {
        if (algorithm == HashAlgorithm.SHA512) {
            return false;
        }
        for (KeyFile k : keys[TextListReader.index(algorithm)]) {
            if (k != null) {
                return true;
            }
        }
        return false;
    }

    /** The sets a lookup's answer names, in {@link #sets()} order. */
    public List<HashSetManifest> named(long mask) {
        List<HashSetManifest> result = new ArrayList<>(Long.bitCount(mask));
        for (int s = 0; s < sets.size(); s++) {
            if ((mask & 1L << s) != 0) {
                result.add(sets.get(s));
            }
        }
        return result;
    }

    @Override
    public void close() {
        for (KeyFile[] byAlgorithm : keys) {
            for (KeyFile k : byAlgorithm) {
                if (k != null) {
                    k.close();
                }
            }
        }
    }
}

package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One import into a set, under the store's lock: source files already in the set (by SHA-256) are skipped, the rest
 * are read by content into one external sort per algorithm, merged with the set's keys into a new set directory
 * beside the store's sets, and renamed into place.
 */
public final class HashSetImport {
    /** Heap for each algorithm's sort chunk: 2 million MD5s. */
    static final int CHUNK_BYTES = 32 << 20;

    /**
     * What an import did.
     *
     * @param added the files read into the set
     * @param skipped the files not read, each with the reason
     * @param newDigests per algorithm, how many distinct digests the set gained
     */
    public record Result(
            HashSetManifest manifest, List<Path> added, List<String> skipped, Map<HashAlgorithm, Long> newDigests) {}

    private final HashSetStore store;
    private final String name;
    private final SetKind kind;
    private final String description;
    private final Invocation invocation;
    private int chunkBytes = CHUNK_BYTES;

    HashSetImport(HashSetStore store, String name, SetKind kind, String description, Invocation invocation) {
        this.store = store;
        this.name = HashSetStore.checkName(name);
        this.kind = kind;
        this.description = description;
        this.invocation = invocation;
    }

    /** A smaller sort chunk, so that tests see runs merged. */
    HashSetImport chunkBytes(int bytes) {
        this.chunkBytes = bytes;
        return this;
    }

    Result run(List<Path> files) throws IOException {
        Files.createDirectories(store.directory());
        Path setDir = store.setDirectory(name);
        HashSetManifest old = Files.isDirectory(setDir) ? store.manifest(name) : null;
        if (old != null && old.kind() != kind) {
            throw ExhibitException.usage("hash set '" + name + "' holds " + old.kind() + " files; lists of " + kind
                    + " files go into a set of their own");
        }
        Map<String, String> known = new HashMap<>();
        if (old != null) {
            old.sources().forEach(s -> known.put(s.sha256(), "already in set '" + name + "' since " + s.imported()));
        }
        List<Path> todo = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            if (!Files.isRegularFile(file)) {
                throw ExhibitException.usage(file + " is not a regular file");
            }
            String sha256 = Sha256.ofFile(file);
            String why = known.putIfAbsent(sha256, "the same as " + file + ", given before it");
            if (why != null) {
                skipped.add(file + " (SHA-256 " + sha256 + "): " + why);
            } else {
                todo.add(file);
                hashes.add(sha256);
            }
        }
        if (todo.isEmpty()) {
            return new Result(old == null ? empty() : old, List.of(), skipped, Map.of());
        }
        Path building = Files.createTempDirectory(store.directory(), HashSetStore.BUILDING + name + "-");
        try {
            HashSetManifest built = build(building, old, todo, hashes);
            install(building, setDir);
            Map<HashAlgorithm, Long> gained = new EnumMap<>(HashAlgorithm.class);
            for (HashSetManifest.Index ix : built.indexes()) {
                HashSetManifest.Index before = old == null ? null : old.index(ix.algorithm());
                gained.put(ix.algorithm(), ix.count() - (before == null ? 0 : before.count()));
            }
            return new Result(built, todo, skipped, gained);
        } finally {
            HashSetStore.deleteTree(building);
        }
    }

    private HashSetManifest build(Path building, HashSetManifest old, List<Path> todo, List<String> hashes)
            throws IOException {
        Map<HashAlgorithm, KeySorter> sorters = new EnumMap<>(HashAlgorithm.class);
        List<HashSetManifest.Source> sources = new ArrayList<>(old == null ? List.of() : old.sources());
        for (int i = 0; i < todo.size(); i++) {
            Path file = todo.get(i);
            long[] digests = {0};
            SourceFormat.Read read = SourceFormat.read(file, (algorithm, digest) -> {
                sorters.computeIfAbsent(algorithm, a -> new KeySorter(a, building, chunkBytes))
                        .add(digest);
                digests[0]++;
            });
            String now = Times.now();
            sources.add(new HashSetManifest.Source(
                    file.toString(),
                    hashes.get(i),
                    Files.size(file),
                    read.format(),
                    read.detail(),
                    digests[0],
                    now,
                    invocation.versionLine(),
                    invocation.commandLine()));
        }
        List<HashSetManifest.Index> indexes = new ArrayList<>();
        for (HashAlgorithm a : Digests.INDEXED) {
            HashSetManifest.Index before = old == null ? null : old.index(a);
            KeySorter sorter = sorters.get(a);
            if (sorter == null && before == null) {
                continue;
            }
            if (sorter == null) {
                sorter = new KeySorter(a, building, Digests.widthBytes(a));
            }
            String fileName = a.id() + ".keys";
            KeyFileWriter.Written w;
            try (KeyFile existing = before == null
                    ? null
                    : KeyFile.open(store.setDirectory(name).resolve(before.file()), a)) {
                w = sorter.finish(building.resolve(fileName), existing);
            }
            indexes.add(new HashSetManifest.Index(a, w.count(), fileName, w.sha256()));
        }
        String now = Times.now();
        HashSetManifest m = new HashSetManifest(
                name,
                kind,
                description != null ? description : old == null ? "" : old.description(),
                old == null ? now : old.created(),
                now,
                indexes,
                sources);
        m.write(building.resolve(HashSetManifest.FILE_NAME));
        return m;
    }

    /** Renames the built set into place; the old one is moved aside first and removed after. */
    private void install(Path building, Path setDir) throws IOException {
        if (!Files.exists(setDir)) {
            Files.move(building, setDir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path aside = store.directory().resolve(HashSetStore.REPLACED + name + "-" + System.nanoTime());
        Files.move(setDir, aside, StandardCopyOption.ATOMIC_MOVE);
        Files.move(building, setDir, StandardCopyOption.ATOMIC_MOVE);
        HashSetStore.deleteTree(aside);
    }

    private HashSetManifest empty() {
        return new HashSetManifest(name, kind, description == null ? "" : description, "", "", List.of(), List.of());
    }
}

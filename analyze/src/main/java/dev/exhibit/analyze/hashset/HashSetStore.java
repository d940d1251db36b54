package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.Invocation;
import dev.exhibit.core.text.Badges;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory that holds the hash sets, one subdirectory per set ({@code manifest.json} and one key file per
 * algorithm). A set is built beside it under a temporary name and renamed into place, so an interrupted import
 * leaves the set as it was; imports take the store's lock, lookups take none (docs/hashsets.md).
 */
public final class HashSetStore {
    /** The environment variable that moves the store, when {@code --store} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "EXHIBIT_HASHSETS";

    static final String BUILDING = ".import-";
    static final String REPLACED = ".replaced-";
    private static final String LOCK_FILE = ".lock";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path directory;

    private HashSetStore(Path directory) {
        this.directory = directory;
    }

    public static HashSetStore at(Path directory) {
        return new HashSetStore(directory.toAbsolutePath().normalize());
    }

    /**
     * {@code $EXHIBIT_HASHSETS}, else {@code $XDG_DATA_HOME/exhibit/hashsets} (when absolute, as the XDG base
     * directory specification requires), else {@code HOME/.local/share/exhibit/hashsets}.
     */
    public static Path defaultDirectory(Map<String, String> environment, Path home) {
        String own = environment.get(ENVIRONMENT_VARIABLE);
        if (own != null && !own.isEmpty()) {
            return Path.of(own);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path data = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return data.resolve("exhibit").resolve("hashsets");
    }

    public Path directory() {
        return directory;
    }

    Path setDirectory(String name) {
        return directory.resolve(checkName(name));
    }

    /** Every set in the store, by name. */
    public List<HashSetManifest> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<HashSetManifest> sets = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isRegularFile(d.resolve(HashSetManifest.FILE_NAME))) {
                    sets.add(HashSetManifest.read(d.resolve(HashSetManifest.FILE_NAME)));
                }
            }
        }
        sets.sort(Comparator.comparing(HashSetManifest::name));
        return sets;
    }

    /** The set called {@code name}; a usage error naming the sets there are when it does not exist. */
    public HashSetManifest manifest(String name) throws IOException {
        Path file = setDirectory(name).resolve(HashSetManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            List<String> names = list().stream().map(HashSetManifest::name).toList();
            throw ExhibitException.usage("no hash set named '" + name + "' in " + directory + " ("
                    + (names.isEmpty()
                            ? "it holds none; add one with exhibit hashset import"
                            : "it holds: " + String.join(", ", names))
                    + ")");
        }
        return HashSetManifest.read(file);
    }

    /** Opens the named sets for lookups, in the order given. */
    public HashSets open(List<String> names) throws IOException {
        List<HashSetManifest> manifests = new ArrayList<>();
        for (String n : names) {
            manifests.add(manifest(n));
        }
        return HashSets.open(this, manifests);
    }

    /** Imports {@code files} into the set {@code name}, creating it or adding to it (docs/hashsets.md). */
    public HashSetImport.Result importFiles(
            String name, SetKind kind, String description, List<Path> files, Invocation invocation) throws IOException {
        return importFiles(new HashSetImport(this, name, kind, description, invocation), files);
    }

    HashSetImport.Result importFiles(HashSetImport work, List<Path> files) throws IOException {
        Files.createDirectories(directory);
        try (FileChannel lock = FileChannel.open(
                        directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            recover();
            return work.run(files);
        }
    }

    /**
     * Finishes what an interrupted import left (under the lock): a set being built is removed; a set that was being
     * replaced is put back if its successor never arrived, else removed.
     */
    private void recover() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, ".*-*")) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (n.startsWith(REPLACED)) {
                    String set = n.substring(REPLACED.length(), n.lastIndexOf('-'));
                    if (!Files.exists(directory.resolve(set))) {
                        Files.move(d, directory.resolve(set));
                        continue;
                    }
                }
                if (n.startsWith(BUILDING) || n.startsWith(REPLACED)) {
                    deleteTree(d);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ExhibitException.usage("hash-set name '" + Badges.visible(name)
                    + "' is not allowed: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
                    + " digit");
        }
        return name;
    }
}

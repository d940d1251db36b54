package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which files of one file system an export writes: tsk_recover's selection (all files, or the deleted ones) narrowed
 * by {@code --path GLOB}; or exactly the files {@code --list} names, found by path or inode address during the walk.
 */
final class ExportChoice {
    /** NTFS system files ($MFT, $Bitmap...) sit in the first MFT entries; tsk_recover skips {@code $} names below. */
    private static final long NTFS_SYSTEM_ENTRIES = 20;

    /**
     * What to write of a file.
     *
     * @param type {@code null}: the default content and every named stream; else the attribute of that type
     * @param id the attribute's id, or {@code null} for the first of the type
     * @param explicit named by the list: written even when empty, a system file or a virtual one
     */
    record Want(Integer type, Integer id, boolean explicit) {}

    private static final List<Want> ALL_STREAMS = List.of(new Want(null, null, false));

    private final Glob glob;
    private final boolean deletedOnly;
    private final boolean listed;
    private final Map<String, List<ExportList.Item>> paths = new HashMap<>();
    private final Map<Long, List<ExportList.Item>> inodes = new HashMap<>();
    private final Set<ExportList.Item> found = new LinkedHashSet<>();

    private ExportChoice(Glob glob, boolean deletedOnly, List<ExportList.Item> items) {
        this.glob = glob;
        this.deletedOnly = deletedOnly;
        this.listed = items != null;
        if (items != null) {
            for (ExportList.Item i : items) {
                if (i.path() != null) {
                    paths.computeIfAbsent(i.path(), k -> new ArrayList<>()).add(i);
                } else {
                    inodes.computeIfAbsent(i.inode().inode(), k -> new ArrayList<>())
                            .add(i);
                }
            }
        }
    }

    /** tsk_recover's selection, all files or the deleted ones, of those whose path {@code glob} matches (if any). */
    static ExportChoice recover(Glob glob, boolean deletedOnly) {
        return new ExportChoice(glob, deletedOnly, null);
    }

    /** Exactly {@code items}, the list's items for this file system. */
    static ExportChoice listed(List<ExportList.Item> items) {
        return new ExportChoice(null, false, items);
    }

    /**
     * The walk: every name, or the unallocated ones for {@code --deleted}. A list is looked for without libtsk's
     * orphan search (which scans every inode or FAT slot) unless it names a path under {@code /$OrphanFiles}; an
     * orphan named by its inode address is then read by address.
     */
    int walkFlags() {
        int flags = DirectoryWalk.RECURSE | DirectoryWalk.UNALLOC | (deletedOnly ? 0 : DirectoryWalk.ALLOC);
        if (listed && paths.keySet().stream().noneMatch(p -> p.startsWith("/$OrphanFiles/"))) {
            flags |= DirectoryWalk.NOORPHAN;
        }
        return flags;
    }

    /** What to write of {@code e}: nothing (empty), or one or more {@link Want}s. */
    List<Want> wants(Entry e, FileSystem fs) {
        if (e.isDot() || !e.hasMeta()) {
            return List.of();
        }
        if (!listed) {
            return recoverable(e, fs) && (glob == null || glob.matches(FileListing.displayPath(e)))
                    ? ALL_STREAMS
                    : List.of();
        }
        List<Want> out = new ArrayList<>();
        List<ExportList.Item> byPath = paths.isEmpty() ? null : paths.get(FileListing.displayPath(e));
        if (byPath != null) {
            found.addAll(byPath);
            out.add(new Want(null, null, true));
        }
        for (ExportList.Item i : inodes.getOrDefault(e.nameMetaAddress(), List.of())) {
            found.add(i);
            Want w = new Want(i.inode().attributeType(), i.inode().attributeId(), true);
            if (!out.contains(w)) {
                out.add(w);
            }
        }
        return out.stream().anyMatch(w -> w.type() == null) ? List.of(new Want(null, null, true)) : out;
    }

    /** Inode addresses of the list the walk did not reach (no name points to them): read them by address. */
    List<ExportList.Item> unreachedInodes() {
        return inodes.values().stream()
                .flatMap(List::stream)
                .filter(i -> !found.contains(i))
                .toList();
    }

    /** Paths of the list that are not in the file system. */
    List<ExportList.Item> missingPaths() {
        return paths.values().stream()
                .flatMap(List::stream)
                .filter(i -> !found.contains(i))
                .toList();
    }

    /** tsk_recover's filter ({@code TskRecover::processFile}) before its test for content. */
    static boolean recoverable(Entry e, FileSystem fs) {
        if (fs.type().isNtfs()
                && e.nameMetaAddress() < NTFS_SYSTEM_ENTRIES
                && e.nameLength() > 0
                && e.name()[0] == '$') {
            return false;
        }
        int type = e.metaType();
        return type != Entry.META_TYPE_VIRT && type != Entry.META_TYPE_VIRT_DIR;
    }
}

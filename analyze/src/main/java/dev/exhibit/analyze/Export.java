package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.fs.TskFile;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code exhibit analyze export}: the files of an image written out as {@code tsk_recover} selects them (regular
 * content only: no directories, no {@code .}/{@code ..}, no NTFS system files, no FAT virtual files, nothing empty),
 * all files or only deleted ones, under {@code DEST/files/} (one directory per partition, named as Exhibit names
 * partitions: {@code p2/}), names made safe by {@link SafeNames}; and, beyond tsk_recover, every named NTFS data
 * stream (on files, empty ones included, and on directories) beside its file as {@code NAME%3ASTREAM}. Each written
 * file has the recorded modification and access times. {@code DEST/manifest.jsonl} maps each written file to its
 * path in the image (exact bytes in base64), partition, stream, full inode address, times, size and SHA-256. Nothing
 * is ever overwritten: DEST must be new or empty, and a second file that would take an existing name gets its inode
 * appended. With {@code --path GLOB} only files whose path matches are written; with {@code --list} exactly the files
 * the list names ({@link ExportList}), in one walk of each file system.
 */
public final class Export {
    public static final String FILES_DIR = "files";
    public static final String MANIFEST = "manifest.jsonl";

    /** Where files named by inode address go when no name points to them: {@code _unnamed/ADDRESS}. */
    static final String UNNAMED = "_unnamed";

    /**
     * @param deletedOnly only deleted files (tsk_recover's default)
     * @param pathGlob only files whose display path the {@link Glob} matches, or {@code null}
     * @param list the items of {@code --list} (as {@link ExportList.Item#encode} writes them), or {@code null} for
     *     tsk_recover's selection
     * @param resume continue an export the sandbox restarted after a crash: DEST already holds its first part
     */
    public record Request(
            Path image,
            Path destination,
            Selection selection,
            boolean deletedOnly,
            String pathGlob,
            List<String> list,
            int firstTarget,
            boolean resume) {
        /** Every file tsk_recover would write ({@code -e}), or only the deleted ones. */
        public Request(Path image, Path destination, Selection selection, boolean deletedOnly) {
            this(image, destination, selection, deletedOnly, null, null, 0, false);
        }

        /** The same request, resumed at target {@code first} into the destination written so far. */
        public Request resumedAt(int first) {
            return new Request(image, destination, selection, deletedOnly, pathGlob, list, first, true);
        }
    }

    /** What was written. */
    public record Result(long files, long bytes, long failures) {}

    private final ExportedStream out;
    private final Path root;
    private final Diagnostics diagnostics;

    private Export(ExportedStream out, Path root, Diagnostics diagnostics) {
        this.out = out;
        this.root = root;
        this.diagnostics = diagnostics;
    }

    /**
     * The lines of a {@code --list} file as request items; a line that is neither a path nor an inode address is a
     * usage error naming the file and the line.
     */
    public static List<String> list(List<String> lines, String source) {
        return ExportList.parse(lines, source).stream()
                .map(ExportList.Item::encode)
                .toList();
    }

    public static Result run(Request r, FileListing.Progress progress, Diagnostics diagnostics) throws IOException {
        Path dest = r.destination();
        try (Image image = Image.open(r.image())) {
            List<Target> targets = r.selection().resolve(image);
            Map<Integer, List<ExportList.Item>> items = r.list() == null ? null : itemsByTarget(r, targets);
            Glob glob = r.pathGlob() == null ? null : Glob.parse(r.pathGlob());
            if (!r.resume()) {
                prepare(dest);
            }
            Path root = dest.resolve(FILES_DIR);
            Files.createDirectories(root);
            StandardOpenOption create = r.resume() ? StandardOpenOption.APPEND : StandardOpenOption.CREATE_NEW;
            try (OutputStream manifest =
                    Files.newOutputStream(dest.resolve(MANIFEST), create, StandardOpenOption.WRITE)) {
                image.warnings().forEach(diagnostics::warning);
                Export export = new Export(new ExportedStream(dest, manifest, diagnostics), root, diagnostics);
                progress.targets(targets.size());
                for (Target t : targets) {
                    if (t.index() < r.firstTarget()) {
                        continue;
                    }
                    progress.target(t);
                    ExportChoice choice = items == null
                            ? ExportChoice.recover(glob, r.deletedOnly())
                            : ExportChoice.listed(items.getOrDefault(t.index(), List.of()));
                    if (items == null || items.containsKey(t.index())) {
                        export.target(image, t, choice, r.selection().required(targets), progress);
                    }
                    manifest.flush();
                }
                return new Result(export.out.files, export.out.bytes, export.out.failures);
            }
        }
    }

    /**
     * The list's items by the file system they belong to: the one their partition names, or the only one selected.
     * An item without a partition where several file systems are selected is a usage error, as is a partition that
     * is not among them: a path or an inode address means nothing without its file system.
     */
    private static Map<Integer, List<ExportList.Item>> itemsByTarget(Request r, List<Target> targets) {
        Map<Integer, List<ExportList.Item>> out = new HashMap<>();
        for (ExportList.Item i : ExportList.decode(r.list())) {
            Target t;
            if (i.partition() == null) {
                if (targets.size() != 1) {
                    throw ExhibitException.usage("--list: " + i.describe() + " does not say its partition, and "
                            + r.image() + " holds " + targets.size() + " file systems: write it as p2:"
                            + i.describe().replaceFirst(" \\(line \\d+\\)$", "")
                            + " or choose one with --partition");
                }
                t = targets.getFirst();
            } else {
                t = targets.stream()
                        .filter(x -> i.partition().equals(x.partitionName()))
                        .findFirst()
                        .orElseThrow(() -> ExhibitException.usage("--list: " + i.describe() + " names partition "
                                + i.partition() + ", which is not among those exported; choose from "
                                + Selection.choices(targets.stream()
                                        .map(Target::partition)
                                        .filter(java.util.Objects::nonNull)
                                        .toList())));
            }
            out.computeIfAbsent(t.index(), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    private static void prepare(Path dest) throws IOException {
        if (Files.exists(dest)) {
            if (!Files.isDirectory(dest)) {
                throw new FileAlreadyExistsException(dest.toString(), null, "exists and is not a directory");
            }
            try (var entries = Files.list(dest)) {
                if (entries.findAny().isPresent()) {
                    throw ExhibitException.usage(
                            "destination " + dest + " is not empty; exports never overwrite, give a new directory");
                }
            }
        }
        Files.createDirectories(dest);
    }

    private void target(Image image, Target t, ExportChoice choice, boolean required, FileListing.Progress progress)
            throws IOException {
        FileSystem fs = t.open(image, required, diagnostics);
        if (fs == null) {
            return;
        }
        try (fs) {
            Path base = t.partition() == null ? root : root.resolve(t.partitionName());
            DirectoryWalk.walk(fs, fs.rootInode(), choice.walkFlags(), e -> {
                boolean directory = FileListing.isDirectory(e);
                if (directory) {
                    progress.directory(e);
                }
                for (ExportChoice.Want w : choice.wants(e, fs)) {
                    streams(e, t, base, e.parent(), e.name(), true, directory, w);
                }
                return true;
            });
            for (ExportList.Item i : choice.missingPaths()) {
                diagnostics.problem("--list: " + i.describe() + " is not in " + t.describe());
            }
            for (ExportList.Item i : choice.unreachedInodes()) {
                byAddress(fs, t, base, i);
            }
        }
    }

    /** A listed inode no name points to, read by address as icat reads it, into {@code _unnamed/ADDRESS}. */
    private void byAddress(FileSystem fs, Target t, Path base, ExportList.Item i) throws IOException {
        try (TskFile file = TskFile.open(fs, i.inode().inode())) {
            Entry e = file.view();
            if (!e.hasMeta()) {
                diagnostics.problem("--list: " + i.describe() + ": no metadata at that address in " + t.describe());
                return;
            }
            byte[] name = Long.toUnsignedString(i.inode().inode()).getBytes(StandardCharsets.US_ASCII);
            boolean directory = e.metaType() == Entry.META_TYPE_DIR;
            streams(e, t, base.resolve(UNNAMED), new byte[0], name, false, directory, wantOf(i));
        } catch (TskException x) {
            diagnostics.problem("--list: " + i.describe() + ": " + x.getMessage());
        }
    }

    private static ExportChoice.Want wantOf(ExportList.Item i) {
        return new ExportChoice.Want(i.inode().attributeType(), i.inode().attributeId(), true);
    }

    /**
     * Writes what {@code w} asks of an entry: its default content (unless a directory or, as tsk_recover, empty)
     * and, on NTFS, each named data stream that holds bytes; or the one attribute asked for.
     *
     * @param named whether {@code parent} and {@code name} are the file's path in the image
     */
    private void streams(
            Entry e,
            Target t,
            Path base,
            byte[] parent,
            byte[] name,
            boolean named,
            boolean directory,
            ExportChoice.Want w)
            throws IOException {
        if (w.type() != null) {
            long attr = attribute(e, w);
            if (attr == 0) {
                diagnostics.problem("no attribute " + w.type() + (w.id() == null ? "" : "-" + w.id()) + " in inode "
                        + Long.toUnsignedString(e.nameMetaAddress()) + " of " + t.describe());
                return;
            }
            byte[] stream = Attribute.name(attr);
            out.write(e, t, base, parent, name, named, attr, stream.length == 0 ? null : stream);
            return;
        }
        boolean content = !directory && (w.explicit() || e.size() > 0);
        ExportChoice.streamsOf(
                e, content, w.explicit(), (attr, stream) -> out.write(e, t, base, parent, name, named, attr, stream));
    }

    /** The attribute {@code w} names ({@code 128-4}, or the first of type 128), or 0 when the file has none. */
    private static long attribute(Entry e, ExportChoice.Want w) {
        int count = e.attributeCount();
        for (int i = 0; i < count; i++) {
            long attr = e.attribute(i);
            if (attr != 0 && Attribute.type(attr) == w.type() && (w.id() == null || Attribute.id(attr) == w.id())) {
                return attr;
            }
        }
        return 0;
    }

    /** One line saying what an export wrote and where. */
    public static String describe(Result r, Path dest) {
        return "exported " + SummaryText.plural(r.files(), "file", "files") + " (" + r.bytes() + " bytes) to "
                + dest.resolve(FILES_DIR)
                + "; manifest " + dest.resolve(MANIFEST)
                + (r.failures() > 0 ? "; " + r.failures() + " could not be read completely (see the manifest)" : "");
    }
}

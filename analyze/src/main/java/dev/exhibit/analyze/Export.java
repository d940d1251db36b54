package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code exhibit analyze export}: the files of an image written out as {@code tsk_recover} selects them (regular
 * content only: no directories, no {@code .}/{@code ..}, no NTFS system files, no FAT virtual files, nothing empty),
 * all files or only deleted ones, under {@code DEST/files/} (one directory per partition, named as Exhibit names
 * partitions: {@code p2/}), names made safe by {@link SafeNames}; and, beyond tsk_recover, every named NTFS data
 * stream (on files, empty ones included, and on directories) beside its file as {@code NAME%3ASTREAM}. Each written
 * file has the recorded modification and access times. {@code DEST/manifest.jsonl} maps each written file to its
 * path in the image (exact bytes in base64), partition, stream, full inode address, times, size and SHA-256. Nothing
 * is ever overwritten: DEST must be new or empty, and a second file that would take an existing name gets its inode
 * appended.
 */
public final class Export {
    public static final String FILES_DIR = "files";
    public static final String MANIFEST = "manifest.jsonl";

    /** NTFS system files ($MFT, $Bitmap...) sit in the first MFT entries; tsk_recover skips {@code $} names below. */
    private static final long NTFS_SYSTEM_ENTRIES = 20;

    /**
     * @param resume continue an export the sandbox restarted after a crash: DEST already holds its first part
     */
    public record Request(
            Path image, Path destination, boolean deletedOnly, Selection selection, int firstTarget, boolean resume) {}

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

    public static Result run(Request r, FileListing.Progress progress, Diagnostics diagnostics) throws IOException {
        Path dest = r.destination();
        if (!r.resume()) {
            prepare(dest);
        }
        Path root = dest.resolve(FILES_DIR);
        Files.createDirectories(root);
        StandardOpenOption create = r.resume() ? StandardOpenOption.APPEND : StandardOpenOption.CREATE_NEW;
        try (OutputStream manifest = Files.newOutputStream(dest.resolve(MANIFEST), create, StandardOpenOption.WRITE);
                Image image = Image.open(r.image())) {
            image.warnings().forEach(diagnostics::warning);
            Export export = new Export(new ExportedStream(dest, manifest, diagnostics), root, diagnostics);
            java.util.List<Target> targets = r.selection().resolve(image);
            progress.targets(targets.size());
            for (Target t : targets) {
                if (t.index() < r.firstTarget()) {
                    continue;
                }
                progress.target(t);
                export.target(image, t, r, r.selection().required(targets), progress);
                manifest.flush();
            }
            return new Result(export.out.files, export.out.bytes, export.out.failures);
        }
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

    private void target(Image image, Target t, Request r, boolean required, FileListing.Progress progress)
            throws IOException {
        FileSystem fs = t.open(image, required, diagnostics);
        if (fs == null) {
            return;
        }
        try (fs) {
            Path base = t.partition() == null ? root : root.resolve(t.partitionName());
            int flags = DirectoryWalk.RECURSE | DirectoryWalk.UNALLOC | (r.deletedOnly() ? 0 : DirectoryWalk.ALLOC);
            DirectoryWalk.walk(fs, fs.rootInode(), flags, e -> {
                boolean directory = FileListing.isDirectory(e);
                if (directory) {
                    progress.directory(e);
                }
                if (wanted(e, fs)) {
                    streams(e, t, base, directory);
                }
                return true;
            });
        }
    }

    /**
     * Writes what tsk_recover writes of an entry (its default content, unless a directory or empty) and, on NTFS,
     * each named data stream that holds bytes.
     */
    private void streams(Entry e, Target t, Path base, boolean directory) throws IOException {
        byte[] parent = e.parent();
        byte[] name = e.name();
        if (!e.fileSystem().type().isNtfs()) {
            if (!directory && e.size() > 0) {
                out.write(e, t, base, parent, name, 0, null);
            }
            return;
        }
        int count = e.attributeCount();
        boolean wroteDefault = false;
        for (int i = 0; i < count; i++) {
            long attr = e.attribute(i);
            if (attr == 0 || Attribute.type(attr) != Attribute.NTFS_DATA) {
                continue;
            }
            byte[] stream = Attribute.name(attr);
            if (stream.length > 0) {
                if (Attribute.size(attr) > 0) {
                    out.write(e, t, base, parent, name, attr, stream);
                }
            } else if (!directory && !wroteDefault && e.size() > 0) {
                out.write(e, t, base, parent, name, attr, null);
                wroteDefault = true;
            }
        }
        if (!directory && !wroteDefault && e.size() > 0) {
            out.write(e, t, base, parent, name, 0, null);
        }
    }

    /** tsk_recover's filter ({@code TskRecover::processFile}) before its test for content. */
    private static boolean wanted(Entry e, FileSystem fs) {
        if (e.isDot() || !e.hasMeta()) {
            return false;
        }
        if (fs.type().isNtfs()
                && e.nameMetaAddress() < NTFS_SYSTEM_ENTRIES
                && e.nameLength() > 0
                && e.name()[0] == '$') {
            return false;
        }
        int type = e.metaType();
        return type != Entry.META_TYPE_VIRT && type != Entry.META_TYPE_VIRT_DIR;
    }

    /** One line saying what an export wrote and where. */
    public static String describe(Result r, Path dest) {
        return "exported " + r.files() + " files (" + r.bytes() + " bytes) to " + dest.resolve(FILES_DIR)
                + "; manifest " + dest.resolve(MANIFEST)
                + (r.failures() > 0 ? "; " + r.failures() + " could not be read completely (see the manifest)" : "");
    }
}

package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.digest.Sha256;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code exhibit analyze export}: the files of an image written out as {@code tsk_recover} selects them (regular
 * content only: no directories, no {@code .}/{@code ..}, no NTFS system files, no FAT virtual files, nothing empty;
 * the default data stream), all files or only deleted ones, under {@code DEST/files/} (one directory per partition,
 * named as Exhibit names partitions: {@code p2/}), names made safe by {@link SafeNames}. {@code
 * DEST/manifest.jsonl} maps each written file to its path in the image (exact bytes in base64), partition, inode,
 * size and SHA-256. Nothing is ever overwritten: DEST must be new or empty, and a second file that would take an
 * existing name gets its inode appended.
 */
public final class Export {
    public static final String FILES_DIR = "files";
    public static final String MANIFEST = "manifest.jsonl";

    /** Linux's PATH_MAX is 4,096 bytes with the NUL; leave room for the examiner's own tools. */
    static final int HOST_PATH_MAX_BYTES = 4000;

    /** Where files go whose path cannot be recreated on the host. */
    static final String RELOCATED = "_relocated";

    /** NTFS system files ($MFT, $Bitmap...) sit in the first MFT entries; tsk_recover skips {@code $} names below. */
    private static final long NTFS_SYSTEM_ENTRIES = 20;

    /**
     * @param resume continue an export the sandbox restarted after a crash: DEST already holds its first part
     */
    public record Request(
            Path image, Path destination, boolean deletedOnly, Selection selection, int firstTarget, boolean resume) {}

    /** What was written. */
    public record Result(long files, long bytes, long failures) {}

    private long files;
    private long bytes;
    private long failures;
    private final OutputStream manifest;
    private final Path root;
    private final Diagnostics diagnostics;

    private Export(OutputStream manifest, Path root, Diagnostics diagnostics) {
        this.manifest = manifest;
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
            Export export = new Export(manifest, root, diagnostics);
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
            return new Result(export.files, export.bytes, export.failures);
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
                if (FileListing.isDirectory(e)) {
                    progress.directory(e);
                } else if (wanted(e, fs)) {
                    write(e, t, base);
                }
                return true;
            });
        }
    }

    /** tsk_recover's filter ({@code TskRecover::processFile}). */
    private static boolean wanted(Entry e, FileSystem fs) {
        if (e.isDot() || !e.hasMeta() || e.size() == 0) {
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

    private void write(Entry e, Target t, Path base) throws IOException {
        byte[] parent = e.parent();
        byte[] name = e.name();
        String inode = Long.toUnsignedString(e.nameMetaAddress());
        Path file = place(base, parent, name, inode);
        MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
        long[] written = {0};
        String error = null;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            e.content(chunk -> {
                ByteBuffer b = chunk.asByteBuffer();
                sha256.update(b.duplicate());
                while (b.hasRemaining()) {
                    written[0] += out.write(b);
                }
            });
        } catch (TskException x) {
            error = x.getMessage();
            failures++;
            diagnostics.problem("incomplete " + Display.of(pathBytes(parent, name)) + ": " + x.getMessage());
        }
        files++;
        bytes += written[0];
        manifest(e, t, file, pathBytes(parent, name), inode, written[0], sha256, error);
    }

    /**
     * Where a file goes: its path in the image, made safe component by component; or, when that path is too long for
     * the host or runs into a file of the same name, {@code _relocated/HASH/NAME} (HASH from the image path), which
     * the manifest records.
     */
    private static Path place(Path base, byte[] parent, byte[] name, String inode) throws IOException {
        Path dir = base;
        int start = 0;
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] == '/') {
                if (i > start) {
                    dir = dir.resolve(SafeNames.component(java.util.Arrays.copyOfRange(parent, start, i)));
                }
                start = i + 1;
            }
        }
        String safe = SafeNames.component(name);
        try {
            if (dir.resolve(safe).toString().getBytes(StandardCharsets.UTF_8).length > HOST_PATH_MAX_BYTES) {
                throw new java.nio.file.FileSystemException(dir.toString(), null, "path too long for the host");
            }
            Files.createDirectories(dir);
        } catch (java.nio.file.FileSystemException x) {
            dir = base.resolve(RELOCATED)
                    .resolve(Sha256.hex(pathBytes(parent, name)).substring(0, 16));
            Files.createDirectories(dir);
        }
        Path file = dir.resolve(safe);
        return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? dir.resolve(safe + ".~" + inode) : file;
    }

    private void manifest(
            Entry e, Target t, Path file, byte[] path, String inode, long size, MessageDigest sha256, String error)
            throws IOException {
        ObjectNode n = Jcs.object();
        n.put("file", root.getParent().relativize(file).toString());
        n.put("partition", t.partitionName());
        n.put("imagePath", Display.of(path));
        n.put("imagePathBytes", Base64.getEncoder().encodeToString(path));
        n.put("inode", inode);
        n.put("deleted", e.nameDeleted());
        n.put("sizeBytes", size);
        n.put("metaSizeBytes", e.size());
        n.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        n.put("relocated", file.getParent().getParent().getFileName().toString().equals(RELOCATED));
        n.put("complete", error == null);
        if (error != null) {
            n.put("error", error);
        }
        manifest.write(Jcs.canonicalBytes(n));
        manifest.write('\n');
    }

    private static byte[] pathBytes(byte[] parent, byte[] name) {
        byte[] out = new byte[1 + parent.length + name.length];
        out[0] = '/';
        System.arraycopy(parent, 0, out, 1, parent.length);
        System.arraycopy(name, 0, out, 1 + parent.length, name.length);
        return out;
    }

    /** One line saying what an export wrote and where. */
    public static String describe(Result r, Path dest) {
        return "exported " + r.files() + " files (" + r.bytes() + " bytes) to " + dest.resolve(FILES_DIR)
                + "; manifest " + dest.resolve(MANIFEST)
                + (r.failures() > 0 ? "; " + r.failures() + " could not be read completely (see the manifest)" : "");
    }
}

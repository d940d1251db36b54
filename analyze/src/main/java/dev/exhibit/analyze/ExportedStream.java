package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.output.IsoTime;
import dev.exhibit.analyze.tsk.TskException;
import dev.exhibit.core.digest.HashAlgorithm;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes one stream of a file into an export: the content as libtsk reads it (as icat does), the recorded
 * modification and access times set on the written file, and the stream's line in the manifest with every time
 * the file system records and the full inode address. Change and creation times cannot be set on Linux; they are in
 * the manifest only.
 */
final class ExportedStream {
    private final Path dest;
    private final OutputStream manifest;
    private final Diagnostics diagnostics;
    private final ExportPlaces.Names names = ExportPlaces.Names.onDisk();
    long files;
    long bytes;
    long failures;

    ExportedStream(Path dest, OutputStream manifest, Diagnostics diagnostics) {
        this.dest = dest;
        this.manifest = manifest;
        this.diagnostics = diagnostics;
    }

    /**
     * @param named whether {@code parent} and {@code name} are the file's path in the image (else the manifest's
     *     {@code imagePath} is {@code null}: a file read by address, that no name points to)
     * @param attr the attribute to write (an NTFS {@code $DATA}, named or not), or 0 for the file's default content
     * @param stream the attribute's name, or {@code null} for an unnamed one
     */
    void write(Entry e, Target t, Path base, byte[] parent, byte[] name, boolean named, long attr, byte[] stream)
            throws IOException {
        // a file read by address has no name; its metadata says where it is
        String inode = Long.toUnsignedString(e.hasMeta() ? e.metaAddress() : e.nameMetaAddress())
                + (attr == 0 ? "" : "-" + Integer.toUnsignedString(Attribute.type(attr)) + "-" + Attribute.id(attr));
        Path file = ExportPlaces.place(base, parent, name, stream, inode, names);
        byte[] path = ExportPlaces.path(parent, name);
        MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
        long[] written = {0};
        String error = null;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // an attribute by its type and id, as icat N-128-ID reads it; else the default content
            Integer type = attr == 0 ? null : Attribute.type(attr);
            Integer id = attr == 0 ? null : Attribute.id(attr);
            e.content(type, id, chunk -> {
                ByteBuffer b = chunk.asByteBuffer();
                sha256.update(b.duplicate());
                while (b.hasRemaining()) {
                    written[0] += out.write(b);
                }
            });
        } catch (TskException x) {
            error = x.getMessage();
            failures++;
            diagnostics.problem("incomplete " + (named ? Display.of(path) : "inode " + inode)
                    + (stream == null ? "" : ":" + Display.of(stream)) + ": " + x.getMessage());
        }
        setTimes(e, file);
        files++;
        bytes += written[0];
        ObjectNode n = Jcs.object();
        n.put("file", dest.relativize(file).toString());
        n.put("partition", t.partitionName());
        n.put("imagePath", named ? Display.of(path) : null);
        n.put("imagePathBytes", named ? Base64.getEncoder().encodeToString(path) : null);
        n.put("stream", stream == null ? null : Display.of(stream));
        n.put("streamBytes", stream == null ? null : Base64.getEncoder().encodeToString(stream));
        n.put("inode", inode);
        n.put("deleted", e.nameDeleted());
        n.put("sizeBytes", written[0]);
        n.put("metaSizeBytes", attr == 0 ? e.size() : Attribute.size(attr));
        n.put("sha256", HexFormat.of().formatHex(sha256.digest()));
        times(n, e);
        n.put("relocated", ExportPlaces.relocated(file));
        n.put("complete", error == null);
        if (error != null) {
            n.put("error", error);
        }
        manifest.write(Jcs.canonicalBytes(n));
        manifest.write('\n');
    }

    /** The recorded modification and access times; the epoch for a time the file system left unset. */
    private void setTimes(Entry e, Path file) throws IOException {
        try {
            Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(fileTime(e, Time.MTIME), fileTime(e, Time.ATIME), null);
        } catch (DateTimeException x) {
            diagnostics.warning(file + ": recorded times out of the host's range, left at the export time ("
                    + x.getMessage() + ")");
        }
    }

    private static FileTime fileTime(Entry e, Time t) {
        long nanos = e.nanos(t);
        return FileTime.from(Instant.ofEpochSecond(e.seconds(t), nanos >= 0 && nanos < 1_000_000_000 ? nanos : 0));
    }

    /** The four times and, on NTFS, the $FILE_NAME ones, as JSON Lines writes them ({@code null} when unset). */
    private static void times(ObjectNode n, Entry e) {
        n.put("mtime", time(e, Time.MTIME));
        n.put("atime", time(e, Time.ATIME));
        n.put("ctime", time(e, Time.CTIME));
        n.put("crtime", time(e, Time.CRTIME));
        if (e.fileSystem().type().isNtfs()) {
            ObjectNode fn = n.putObject("fileNameTimes");
            fn.put("mtime", time(e, Time.FN_MTIME));
            fn.put("atime", time(e, Time.FN_ATIME));
            fn.put("ctime", time(e, Time.FN_CTIME));
            fn.put("crtime", time(e, Time.FN_CRTIME));
        }
    }

    private static String time(Entry e, Time t) {
        long seconds = e.seconds(t);
        long nanos = e.nanos(t);
        return seconds == 0 && nanos == 0 ? null : IsoTime.text(seconds, nanos);
    }
}

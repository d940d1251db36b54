package dev.exhibit.analyze;

import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.fs.InodeAddress;
import dev.exhibit.analyze.fs.TskFile;
import dev.exhibit.analyze.img.Image;
import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code exhibit analyze cat}: one file's content, byte for byte what {@code icat} writes for the same address
 * (the same libtsk walk), or for a path resolved in the file system.
 *
 * @param path a path from the file system's root, or {@code null} when {@code inode} is given
 */
public final class FileContent {
    /** What to read: a path or an inode address, in the selected file system. */
    public record Request(Path image, Selection selection, String path, InodeAddress inode, boolean slack) {
        public Request {
            if ((path == null) == (inode == null)) {
                throw ExhibitException.usage("give a PATH or --inode, not both and not neither");
            }
        }
    }

    private FileContent() {}

    public static void run(Request r, WritableByteChannel out, Diagnostics diagnostics) throws IOException {
        try (Image image = Image.open(r.image())) {
            image.warnings().forEach(diagnostics::warning);
            Target target = single(image, r.selection());
            try (FileSystem fs = target.open(image, true, diagnostics)) {
                try (TskFile file = r.path() != null
                        ? TskFile.open(fs, r.path())
                        : TskFile.open(fs, r.inode().inode())) {
                    Integer type = r.inode() == null ? null : r.inode().attributeType();
                    Integer id = r.inode() == null ? null : r.inode().attributeId();
                    file.content(type, id, r.slack(), chunk -> {
                        ByteBuffer b = chunk.asByteBuffer();
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                    });
                }
            }
        }
    }

    /** The one file system a command on a single file means; with several, the user must say which. */
    static Target single(Image image, Selection selection) {
        List<Target> targets = selection.resolve(image);
        if (targets.size() == 1) {
            return targets.getFirst();
        }
        if (targets.isEmpty()) {
            throw ExhibitException.evidence(image.path() + ": the partition table lists no allocated partition");
        }
        throw ExhibitException.usage(image.path() + " holds " + targets.size()
                + " partitions; choose one with --partition or give --offset SECTORS: "
                + Selection.choices(targets.stream().map(Target::partition).toList()));
    }
}

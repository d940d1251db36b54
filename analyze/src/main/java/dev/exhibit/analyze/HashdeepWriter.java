package dev.exhibit.analyze;

import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.output.ByteOut;
import dev.exhibit.analyze.output.ContentSlot;
import dev.exhibit.analyze.output.Display;
import dev.exhibit.analyze.output.EntryWriter;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * hashdeep's file format ({@code %%%% HASHDEEP-1.0}), one row per stream that {@code exhibit analyze export} writes
 * (tsk_recover's files and every named NTFS stream that holds bytes), named exactly as the export names it relative
 * to its destination ({@code files/p2/Documents/notes.md}, {@code files/Documents/notes.md%3AZone.Identifier}), so
 * that {@code hashdeep -r -l -a -k LIST files} run in the destination audits an export file for file.
 *
 * <p>Names go through the export's percent-encoding ({@link SafeNames}): no row holds a newline, a carriage return or
 * any other control character, so hashdeep reads every line, and {@code %} itself is encoded, so the name's bytes
 * come back by decoding. A comma stays a comma: hashdeep takes everything after the last digest as the name.
 */
final class HashdeepWriter implements EntryWriter {
    /** hashdeep's own column order; it knows no SHA-512. */
    static final List<HashAlgorithm> COLUMNS = List.of(HashAlgorithm.MD5, HashAlgorithm.SHA1, HashAlgorithm.SHA256);

    private final ByteOut out;
    private final FileSystem fs;
    private final ContentSlot slot;
    private final List<HashAlgorithm> algorithms;
    private final Path base;
    private final ExportPlaces.Names names = ExportPlaces.Names.inMemory();

    /** @param partition the partition's name, under which the export writes its files, or {@code null} */
    HashdeepWriter(ByteOut out, FileSystem fs, String partition, List<HashAlgorithm> algorithms, ContentSlot slot) {
        this.out = out;
        this.fs = fs;
        this.slot = slot;
        this.algorithms = List.copyOf(algorithms);
        Path files = Path.of(Export.FILES_DIR);
        this.base = partition == null ? files : files.resolve(partition);
    }

    /** The two header lines and Exhibit's comments, for the digests asked (in hashdeep's order). */
    static String header(List<HashAlgorithm> algorithms, Path image) {
        StringBuilder b = new StringBuilder("%%%% HASHDEEP-1.0\n%%%% size");
        for (HashAlgorithm a : COLUMNS) {
            if (algorithms.contains(a)) {
                b.append(',').append(a.id());
            }
        }
        return b.append(",filename\n")
                .append("## Written by exhibit analyze files --hashdeep from ")
                .append(Display.of(image.toAbsolutePath().toString()))
                .append('\n')
                .append("## Each file as exhibit analyze export names it below its destination (percent-encoded);")
                .append(" audit an export there with: hashdeep -r -l -a -k LIST files\n")
                .append("##\n")
                .toString();
    }

    @Override
    public void write(Entry e, byte[] prefix) throws IOException {
        if (e.isDot() || !e.hasMeta() || !ExportChoice.recoverable(e, fs)) {
            return;
        }
        // the export's choice of streams: the content unless a directory or empty, NTFS's named streams with bytes
        Export.streamsOf(e, !FileListing.isDirectory(e) && e.size() > 0, false, (attr, stream) -> row(e, attr, stream));
    }

    private void row(Entry e, long attr, byte[] stream) throws IOException {
        String inode = Long.toUnsignedString(e.metaAddress())
                + (attr == 0 ? "" : "-" + Integer.toUnsignedString(Attribute.type(attr)) + "-" + Attribute.id(attr));
        Path file = ExportPlaces.place(base, e.parent(), e.name(), stream, inode, names);
        slot.markAnyContent(e, attr, this::digests);
        out.write(',').write(file.toString().getBytes(StandardCharsets.UTF_8)).write('\n');
        slot.end();
    }

    /**
     * {@code size,md5,sha256}: the bytes hashed and the digests, in the header's order. A stream with no content to
     * read (an NTFS file without a {@code $DATA} attribute) is what the export writes for it: nothing.
     */
    private void digests(ByteOut out, StreamContent c) throws IOException {
        out.decimal(c == null ? 0 : c.bytes());
        for (HashAlgorithm a : COLUMNS) {
            if (algorithms.contains(a)) {
                byte[] digest = c == null
                        ? a.newDigest().digest()
                        : c.digests().get(c.algorithms().indexOf(a));
                out.write(',').ascii(HexFormat.of().formatHex(digest));
            }
        }
    }
}

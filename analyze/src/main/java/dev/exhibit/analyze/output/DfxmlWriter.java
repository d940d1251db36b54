package dev.exhibit.analyze.output;

import dev.exhibit.analyze.content.ByteRun;
import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.core.Times;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Digital Forensics XML as fiwalk (The Sleuth Kit 4.11.1) writes it: the document, one {@code volume} per file
 * system, one {@code fileobject} per name of the walk (dot entries and {@code $OrphanFiles} included, as fiwalk), its
 * children in the order the DFXML schema fixes after fiwalk's, byte runs with file, file-system and image offsets, the
 * digests. Beyond fiwalk: times to the nanosecond (fiwalk writes whole seconds), any digest asked, and, in Exhibit's
 * own namespace after the digests, the runs that could not be read. Evidence strings go through {@link XmlText}, so
 * the document is well-formed whatever the names hold.
 */
public final class DfxmlWriter implements EntryWriter {
    /** DFXML's namespace, as fiwalk declares it. */
    static final String NAMESPACE = "http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML";

    /** Exhibit's namespace for what DFXML has no element for. */
    static final String EXHIBIT_NAMESPACE = "urn:x-exhibit:dfxml:1";

    private static final int TYPE_LETTERS = 12;

    /** {@code TSK_FS_META_FLAG_USED}, {@code _UNUSED}, {@code _COMP}. */
    private static final int META_USED = 0x04;

    private static final int META_UNUSED = 0x08;
    private static final int META_COMP = 0x10;

    private final ByteOut out;
    private final FileSystem fs;
    private final int partition;
    private final long[] ids;
    private final long imageOffset;
    private final ContentSlot slot;

    /**
     * @param partition the volume's number in the document, from 1 (fiwalk's {@code partition})
     * @param ids the counter of file objects in the document, shared by its volumes (fiwalk's {@code id})
     */
    public DfxmlWriter(ByteOut out, FileSystem fs, int partition, long[] ids, ContentSlot slot) {
        this.out = out;
        this.fs = fs;
        this.partition = partition;
        this.ids = ids;
        this.imageOffset = fs.byteOffset();
        this.slot = slot;
    }

    /** The XML declaration, the root element, metadata, creator and source. */
    public static void begin(ByteOut out, String version, Instant started, byte[] image) throws IOException {
        out.ascii("<?xml version='1.0' encoding='UTF-8'?>\n<dfxml\n  xmlns='")
                .ascii(NAMESPACE)
                .ascii("'\n  xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'\n")
                .ascii("  xmlns:dc='http://purl.org/dc/elements/1.1/'\n  xmlns:exhibit='")
                .ascii(EXHIBIT_NAMESPACE)
                .ascii("'\n  version='1.0'>\n  <metadata>\n    <dc:type>Disk Image</dc:type>\n  </metadata>\n");
        out.ascii("  <creator version='1.0'>\n    <program>exhibit</program>\n    <version>");
        XmlText.write(out, version.getBytes(StandardCharsets.UTF_8));
        out.ascii("</version>\n    <execution_environment>\n      <start_time>")
                .ascii(Times.utc(started))
                .ascii("</start_time>\n    </execution_environment>\n  </creator>\n");
        out.ascii("  <source>\n    <image_filename>");
        XmlText.write(out, image);
        out.ascii("</image_filename>\n  </source>\n");
        out.endRecord();
    }

    /** A volume's element and its description, as fiwalk gives them. */
    public static void volume(ByteOut out, FileSystem fs) throws IOException {
        out.ascii("  <volume offset='").decimal(fs.byteOffset()).ascii("'>\n");
        element(out, "    ", "partition_offset", Long.toString(fs.byteOffset()));
        element(out, "    ", "block_size", Integer.toString(fs.blockSizeBytes()));
        element(out, "    ", "ftype", Integer.toString(fs.type().code()));
        element(out, "    ", "ftype_str", fs.type().name());
        element(out, "    ", "block_count", Long.toUnsignedString(fs.blockCount()));
        element(out, "    ", "first_block", "0");
        element(out, "    ", "last_block", Long.toUnsignedString(fs.blockCount() - 1));
        out.endRecord();
    }

    public static void endVolume(ByteOut out) throws IOException {
        out.ascii("  </volume>\n");
        out.endRecord();
    }

    public static void end(ByteOut out) throws IOException {
        out.ascii("</dfxml>\n");
        out.endRecord();
    }

    @Override
    public void write(Entry e, byte[] prefix) throws IOException {
        boolean meta = e.hasMeta();
        out.ascii("    <fileobject>\n      <parent_object>\n");
        element(out, "        ", "inode", Long.toUnsignedString(e.parentAddress()));
        out.ascii("      </parent_object>\n      <filename>");
        byte[] path = new byte[e.parentLength() + e.nameLength()];
        e.copyParent(path, 0);
        e.copyName(path, e.parentLength());
        XmlText.write(out, path);
        out.ascii("</filename>\n");
        element(out, "      ", "partition", Integer.toString(partition));
        element(out, "      ", "id", Long.toString(++ids[0]));
        element(out, "      ", "name_type", String.valueOf((char)
                BodyfileWriter.letter(BodyfileWriter.NAME_LETTERS, e.nameType())));
        if (meta) {
            element(out, "      ", "filesize", Long.toString(e.size()));
        }
        element(out, "      ", e.nameDeleted() ? "unalloc" : "alloc", "1");
        if (meta) {
            int flags = e.metaFlags();
            if ((flags & META_USED) != 0) {
                element(out, "      ", "used", "1");
            }
            if ((flags & META_UNUSED) != 0) {
                element(out, "      ", "unused", "1");
            }
            if (e.inOrphanDirectory()) {
                element(out, "      ", "orphan", "1");
            }
            if ((flags & META_COMP) != 0) {
                element(out, "      ", "compressed", "1");
            }
            element(out, "      ", "inode", Long.toUnsignedString(e.metaAddress()));
            element(out, "      ", "meta_type", Integer.toString(e.metaType()));
            element(out, "      ", "mode", Integer.toString(e.mode() & 07777));
            element(out, "      ", "nlink", Integer.toUnsignedString(e.linkCount()));
            element(out, "      ", "uid", Long.toString(e.uid()));
            element(out, "      ", "gid", Long.toString(e.gid()));
            time(e, "mtime", Time.MTIME);
            time(e, "ctime", Time.CTIME);
            time(e, "atime", Time.ATIME);
            time(e, "crtime", Time.CRTIME);
            if (fs.type().isNtfs()) {
                element(out, "      ", "seq", Integer.toUnsignedString(e.metaSequence()));
            }
            if (e.metaType() == Entry.META_TYPE_LNK && e.linkTarget() != 0) {
                out.ascii("      <link_target>");
                XmlText.write(out, Mem.cString(e.linkTarget()));
                out.ascii("</link_target>\n");
            }
        }
        // what fiwalk reads: the default content of every file, whatever its type and recorded size (NTFS's $Secure
        // lists 0 bytes and holds $SDS), libtsk's virtual files ($MBR, $FAT1) included
        if (meta) {
            slot.markAnyContent(e, 0, this::content);
        }
        out.ascii("    </fileobject>\n");
        slot.end();
    }

    /** Byte runs, digests, and what could not be read. */
    private void content(ByteOut out, StreamContent c) throws IOException {
        if (c == null || c.bytes() == 0 && c.unreadable().isEmpty()) {
            // nothing read: no runs and no digests, as fiwalk
            return;
        }
        if (!c.runs().isEmpty()) {
            out.ascii("      <byte_runs>\n");
            for (ByteRun r : c.runs()) {
                out.ascii("       <byte_run file_offset='")
                        .decimal(r.fileOffset())
                        .write('\'');
                switch (r.kind()) {
                    case BLOCKS ->
                        out.ascii(" fs_offset='")
                                .decimal(r.fsOffset())
                                .ascii("' img_offset='")
                                .decimal(imageOffset + r.fsOffset())
                                .write('\'');
                    case SPARSE -> out.ascii(" fill='0'");
                    // inside the metadata: fiwalk gives the file system's own offset
                    case RESIDENT ->
                        out.ascii(" fs_offset='0' img_offset='")
                                .decimal(imageOffset)
                                .write('\'');
                    case COMPRESSED -> {}
                }
                out.ascii(" len='").decimal(r.lengthBytes()).write('\'');
                if (r.kind() == ByteRun.Kind.RESIDENT) {
                    out.ascii(" type='resident'");
                } else if (r.kind() == ByteRun.Kind.COMPRESSED) {
                    out.ascii(" type='compressed'");
                }
                out.ascii("/>\n");
            }
            out.ascii("      </byte_runs>\n");
        }
        for (HashAlgorithm a : c.algorithms()) {
            out.ascii("      <hashdigest type='")
                    .ascii(a.id())
                    .ascii("'>")
                    .ascii(c.hex(a))
                    .ascii("</hashdigest>\n");
        }
        for (StreamContent.Unreadable u : c.unreadable()) {
            out.ascii("      <exhibit:unreadable file_offset='")
                    .decimal(u.byteOffset())
                    .ascii("' len='")
                    .decimal(u.lengthBytes())
                    .ascii("'>");
            XmlText.write(out, u.reason().getBytes(StandardCharsets.UTF_8));
            out.ascii("</exhibit:unreadable>\n");
        }
    }

    /** A time in UTC to the nanosecond; none when the file system left it unset, as fiwalk. */
    private void time(Entry e, String name, Time t) throws IOException {
        long seconds = e.seconds(t);
        long nanos = e.nanos(t);
        if (seconds == 0 && nanos == 0) {
            return;
        }
        out.ascii("      <").ascii(name).write('>');
        IsoTime.write(out, seconds, nanos);
        out.ascii("</").ascii(name).ascii(">\n");
    }

    private static void element(ByteOut out, String indent, String name, String ascii) throws IOException {
        out.ascii(indent)
                .write('<')
                .ascii(name)
                .write('>')
                .ascii(ascii)
                .ascii("</")
                .ascii(name)
                .ascii(">\n");
    }
}

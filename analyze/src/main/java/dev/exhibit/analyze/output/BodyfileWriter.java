package dev.exhibit.analyze.output;

import dev.exhibit.analyze.content.StreamContent;
import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Mem;
import dev.exhibit.core.digest.HashAlgorithm;
import java.io.IOException;

/**
 * TSK 3.x body files exactly as {@code fls -r -m PREFIX} of The Sleuth Kit 4.11.1 writes them ({@code fls_lib.c},
 * {@code tsk_fs_name_print_mac_md5}), line for line: {@code MD5|name|inode|mode|UID|GID|size|atime|mtime|ctime|crtime}.
 * What fls does, this does too, quirks included: bytes below 0x20 in names print as {@code ^}, symbolic link targets
 * print raw, times are the low 32 bits of the seconds ({@code PRIu32}), NTFS prints one line per {@code $DATA} stream,
 * per {@code $INDEX_ROOT} and for the {@code $FILE_NAME} whose times libtsk copied.
 */
public final class BodyfileWriter implements EntryWriter {
    private static final int TYPE_LETTERS = 12;
    static final byte[] NAME_LETTERS = Calls.typeLetters("tsk_fs_name_type_str", TYPE_LETTERS);
    static final byte[] META_LETTERS = Calls.typeLetters("tsk_fs_meta_type_str", TYPE_LETTERS);
    private static final byte[] I30 = {'$', 'I', '3', '0'};
    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private final ByteOut out;
    private final boolean ntfs;
    private final ContentSlot slot;

    /** @param slot where a data stream's MD5 goes, when the listing reads it ({@link ContentSlot#direct}: 0) */
    public BodyfileWriter(ByteOut out, boolean ntfs, ContentSlot slot) {
        this.out = out;
        this.ntfs = ntfs;
        this.slot = slot;
    }

    @Override
    public void write(Entry e, byte[] prefix) throws IOException {
        boolean dot = e.isDot();
        if (ntfs && e.hasMeta()) {
            writeNtfs(e, prefix, dot);
        } else if (!dot) {
            line(e, prefix, 0);
        }
    }

    /** fls's special case: one line per data stream and index root, and one for the $FILE_NAME times. */
    private void writeNtfs(Entry e, byte[] prefix, boolean dot) throws IOException {
        int nameLength = e.nameLength();
        boolean twoByteDotName = nameLength == 2 && Mem.i8(e.nameBytesAddress()) == '.';
        boolean printed = false;
        int count = e.attributeCount();
        for (int i = 0; i < count; i++) {
            long attr = e.attribute(i);
            if (attr == 0) {
                continue;
            }
            int type = Attribute.type(attr);
            if (type == Attribute.NTFS_DATA) {
                printed = true;
                // fls skips a directory's data stream for names of two bytes starting with '.', not only ".."
                if (e.metaType() == Entry.META_TYPE_DIR && twoByteDotName) {
                    continue;
                }
                line(e, prefix, attr);
            } else if (type == Attribute.NTFS_IDXROOT) {
                printed = true;
                if (!dot) {
                    line(e, prefix, attr);
                }
            } else if (type == Attribute.NTFS_FNAME && Attribute.id(attr) == e.fileNameAttributeId() && !dot) {
                line(e, prefix, attr);
            }
        }
        if (!printed) {
            line(e, prefix, 0);
        }
    }

    private void line(Entry e, byte[] prefix, long attr) throws IOException {
        int attrType = attr == 0 ? 0 : Attribute.type(attr);
        slot.mark(e, attr, BodyfileWriter::md5);
        out.write('|').write(prefix);
        sanitized(e.parentPathAddress(), e.parentLength());
        sanitized(e.nameBytesAddress(), e.nameLength());
        if (attr != 0 && isStreamName(attr, attrType)) {
            out.write(':');
            byte[] stream = Attribute.name(attr);
            sanitize(stream, 0, stream.length);
            out.write(stream);
        }
        if (attrType == Attribute.NTFS_FNAME) {
            out.ascii(" ($FILE_NAME)");
        }
        boolean meta = e.hasMeta();
        if (meta && e.metaType() == Entry.META_TYPE_LNK && e.linkTarget() != 0) {
            long link = e.linkTarget();
            out.ascii(" -> ").writeNative(link, Mem.strlen(link));
        }
        if (e.nameDeleted()) {
            out.ascii(meta && (e.metaFlags() & Entry.META_ALLOC) != 0 ? " (deleted-realloc)" : " (deleted)");
        }
        out.write('|').unsignedDecimal(e.nameMetaAddress());
        if (attr != 0) {
            out.write('-').unsignedDecimal(Integer.toUnsignedLong(attrType));
            out.write('-').decimal(Attribute.id(attr));
        }
        out.write('|').write(letter(NAME_LETTERS, e.nameType())).write('/');
        if (!meta) {
            out.ascii("----------|0|0|0|0|0|0|0\n");
            slot.end();
            return;
        }
        mode(e);
        out.write('|')
                .unsignedDecimal(e.uid())
                .write('|')
                .unsignedDecimal(e.gid())
                .write('|');
        out.unsignedDecimal(attr != 0 ? Attribute.size(attr) : e.size()).write('|');
        if (attrType == Attribute.NTFS_FNAME) {
            times(e, Time.FN_ATIME, Time.FN_MTIME, Time.FN_CTIME, Time.FN_CRTIME);
        } else {
            times(e, Time.ATIME, Time.MTIME, Time.CTIME, Time.CRTIME);
        }
        slot.end();
    }

    /** The body file's first field: the stream's MD5 when it was computed, else {@code 0} as fls writes it. */
    private static void md5(ByteOut out, StreamContent content) throws IOException {
        String md5 = content == null ? null : content.hex(HashAlgorithm.MD5);
        out.ascii(md5 == null ? "0" : md5);
    }

    private void times(Entry e, Time a, Time m, Time c, Time cr) throws IOException {
        out.unsignedDecimal(e.seconds(a) & LOW_32_BITS).write('|');
        out.unsignedDecimal(e.seconds(m) & LOW_32_BITS).write('|');
        out.unsignedDecimal(e.seconds(c) & LOW_32_BITS).write('|');
        out.unsignedDecimal(e.seconds(cr) & LOW_32_BITS).write('\n');
    }

    /** {@code tsk_fs_meta_make_ls}: type letter and {@code ls -l} permissions with setuid, setgid and sticky. */
    private void mode(Entry e) throws IOException {
        int mode = e.mode();
        out.write(letter(META_LETTERS, e.metaType()));
        out.write((mode & 0400) != 0 ? 'r' : '-').write((mode & 0200) != 0 ? 'w' : '-');
        out.write(execute(mode, 0100, 04000, 's', 'S'));
        out.write((mode & 040) != 0 ? 'r' : '-').write((mode & 020) != 0 ? 'w' : '-');
        out.write(execute(mode, 010, 02000, 's', 'S'));
        out.write((mode & 04) != 0 ? 'r' : '-').write((mode & 02) != 0 ? 'w' : '-');
        out.write(execute(mode, 01, 01000, 't', 'T'));
    }

    private static int execute(int mode, int x, int special, char withX, char withoutX) {
        if ((mode & special) != 0) {
            return (mode & x) != 0 ? withX : withoutX;
        }
        return (mode & x) != 0 ? 'x' : '-';
    }

    static int letter(byte[] letters, int type) {
        return type >= 0 && type < letters.length ? letters[type] : '-';
    }

    /** fls prints an attribute's name unless it is $FILE_NAME or the directory index {@code $I30}. */
    private static boolean isStreamName(long attr, int type) {
        long name = Attribute.nameAddress(attr);
        if (name == 0 || type == Attribute.NTFS_FNAME) {
            return false;
        }
        return type != Attribute.NTFS_IDXROOT || !java.util.Arrays.equals(Attribute.name(attr), I30);
    }

    /** Copies a name from libtsk's memory into the output and applies fls's control-character rule there. */
    private void sanitized(long address, int length) throws IOException {
        if (length == 0) {
            return;
        }
        int at = out.writeNative(address, length);
        if (at >= 0) {
            sanitize(out.array(), at, length);
        }
    }

    /** {@code TSK_IS_CNTRL} on a signed char: bytes 0x01 to 0x1f become {@code ^}; 0x7f and bytes >= 0x80 stay. */
    static void sanitize(byte[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (b[i] >= 0 && b[i] < 0x20) {
                b[i] = '^';
            }
        }
    }
}

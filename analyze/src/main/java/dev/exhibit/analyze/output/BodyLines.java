package dev.exhibit.analyze.output;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.tsk.Calls;
import dev.exhibit.analyze.tsk.Mem;
import java.io.IOException;
import java.util.Arrays;

/**
 * The lines {@code fls -r -m} of The Sleuth Kit 4.11.1 writes for a walk entry ({@code fls_lib.c}, {@code printit}):
 * one per entry, except that an NTFS file gets one per {@code $DATA} stream, one per {@code $INDEX_ROOT} and one for
 * its {@code $FILE_NAME}, and that {@code .} and {@code ..} are left out (but for the data streams of {@code .}).
 * Subclasses write each line: the body file itself, or the timeline's records of the same lines.
 */
public abstract class BodyLines implements EntryWriter {
    private static final int TYPE_LETTERS = 12;
    static final byte[] NAME_LETTERS = Calls.typeLetters("tsk_fs_name_type_str", TYPE_LETTERS);
    static final byte[] META_LETTERS = Calls.typeLetters("tsk_fs_meta_type_str", TYPE_LETTERS);
    /** Bytes of {@link #mode}: name type, {@code /}, metadata type, nine permission letters. */
    public static final int MODE_BYTES = 12;

    private static final byte[] I30 = {'$', 'I', '3', '0'};

    private final boolean ntfs;

    protected BodyLines(boolean ntfs) {
        this.ntfs = ntfs;
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

    /**
     * One line of the entry: its metadata ({@code attr} 0), or one of its NTFS attributes ({@code $DATA},
     * {@code $INDEX_ROOT}, or {@code $FILE_NAME}, whose times the line then carries).
     */
    protected abstract void line(Entry e, byte[] prefix, long attr) throws IOException;

    /** Whether the {@code $FILE_NAME} attribute {@code attr} gets a line: fls prints the one libtsk took times from. */
    protected boolean fileNameLine(Entry e, long attr) {
        return Attribute.id(attr) == e.fileNameAttributeId();
    }

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
            } else if (type == Attribute.NTFS_FNAME && !dot && fileNameLine(e, attr)) {
                line(e, prefix, attr);
            }
        }
        if (!printed) {
            line(e, prefix, 0);
        }
    }

    /** fls prints an attribute's name unless it is $FILE_NAME or the directory index {@code $I30}. */
    protected static boolean isStreamName(long attr) {
        int type = Attribute.type(attr);
        long name = Attribute.nameAddress(attr);
        if (name == 0 || type == Attribute.NTFS_FNAME) {
            return false;
        }
        return type != Attribute.NTFS_IDXROOT || !Arrays.equals(Attribute.name(attr), I30);
    }

    /**
     * {@code tsk_fs_name_print_mac_md5}'s mode column, {@link #MODE_BYTES} bytes into {@code into}: the name's type
     * letter, {@code /}, and {@code tsk_fs_meta_make_ls}'s type letter and {@code ls -l} permissions with setuid,
     * setgid and sticky ({@code ----------} without metadata).
     */
    protected static void mode(Entry e, byte[] into) {
        into[0] = (byte) letter(NAME_LETTERS, e.nameType());
        into[1] = '/';
        if (!e.hasMeta()) {
            Arrays.fill(into, 2, MODE_BYTES, (byte) '-');
            return;
        }
        int mode = e.mode();
        into[2] = (byte) letter(META_LETTERS, e.metaType());
        into[3] = (byte) ((mode & 0400) != 0 ? 'r' : '-');
        into[4] = (byte) ((mode & 0200) != 0 ? 'w' : '-');
        into[5] = (byte) execute(mode, 0100, 04000, 's', 'S');
        into[6] = (byte) ((mode & 040) != 0 ? 'r' : '-');
        into[7] = (byte) ((mode & 020) != 0 ? 'w' : '-');
        into[8] = (byte) execute(mode, 010, 02000, 's', 'S');
        into[9] = (byte) ((mode & 04) != 0 ? 'r' : '-');
        into[10] = (byte) ((mode & 02) != 0 ? 'w' : '-');
        into[11] = (byte) execute(mode, 01, 01000, 't', 'T');
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
}

package dev.exhibit.analyze.output;

import dev.exhibit.analyze.fs.Attribute;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystemType;
import dev.exhibit.analyze.fs.Time;
import dev.exhibit.analyze.tsk.Mem;
import java.io.IOException;
import java.util.Base64;

/**
 * One JSON object per line and per data stream (docs/analyze.md has the schema): the path and name as display
 * strings beside their exact bytes in base64, the inode in {@code fls} notation ({@code 64-128-4} on NTFS), name and
 * metadata types, allocation state, size, mode, owner, the four times in UTC with nanoseconds, and NTFS's $FILE_NAME
 * times. NTFS files get one line per {@code $DATA} stream (alternate data streams included) and HFS+ files one more
 * for a resource fork; directories one line.
 */
public final class JsonLinesWriter extends StreamRecords {
    private static final String[] NAME_TYPES = {
        "unknown",
        "fifo",
        "character-device",
        "directory",
        "block-device",
        "file",
        "symlink",
        "socket",
        "shadow",
        "whiteout",
        "virtual",
        "virtual-directory"
    };
    private static final String[] META_TYPES = {
        "unknown",
        "file",
        "directory",
        "fifo",
        "character-device",
        "block-device",
        "symlink",
        "shadow",
        "socket",
        "whiteout",
        "virtual",
        "virtual-directory"
    };

    private final ByteOut out;
    private final String partition;
    private final ContentSlot slot;
    private final Base64.Encoder base64 = Base64.getEncoder();

    /**
     * @param partition the partition's name ({@code p2}), or {@code null} for a file system without a partition
     * @param slot where each record gets its content's digests and type ({@link ContentSlot#direct}: none)
     */
    public JsonLinesWriter(ByteOut out, String partition, FileSystemType type, ContentSlot slot) {
        super(type);
        this.out = out;
        this.slot = slot;
        // names are p or m and digits, nothing JSON would have to escape
        this.partition = partition == null ? "null" : "\"" + partition + "\"";
    }

    @Override
    void record(Entry e, boolean orphan, long attr) throws IOException {
        out.ascii("{\"partition\":").ascii(partition);
        out.ascii(",\"path\":");
        Display.writeJson(out, path, 0, pathLength);
        out.ascii(",\"pathBytes\":\"")
                .write(base64.encode(java.util.Arrays.copyOf(path, pathLength)))
                .write('"');
        out.ascii(",\"name\":");
        Display.writeJson(out, path, nameStart, pathLength - nameStart);
        out.ascii(",\"nameBytes\":\"")
                .write(base64.encode(java.util.Arrays.copyOfRange(path, nameStart, pathLength)))
                .write('"');
        byte[] stream = streamName(attr);
        if (stream != null) {
            out.ascii(",\"stream\":");
            Display.writeJson(out, stream, 0, stream.length);
            out.ascii(",\"streamBytes\":\"").write(base64.encode(stream)).write('"');
        } else {
            out.ascii(",\"stream\":null");
        }
        out.ascii(",\"inode\":\"");
        inode(out, e, attr);
        out.ascii("\",\"nameType\":\"").ascii(name(NAME_TYPES, e.nameType())).write('"');
        boolean deleted = e.nameDeleted();
        out.ascii(",\"allocated\":").ascii(deleted ? "false" : "true");
        out.ascii(",\"deleted\":").ascii(deleted ? "true" : "false");
        out.ascii(",\"orphan\":").ascii(orphan ? "true" : "false");
        if (!e.hasMeta()) {
            out.ascii(",\"metaType\":null,\"metaAllocated\":null,\"reallocated\":false,\"size\":null");
            slot.mark(e, attr, JsonContent::write);
            out.ascii("}\n");
            slot.end();
            return;
        }
        boolean metaAllocated = (e.metaFlags() & Entry.META_ALLOC) != 0;
        out.ascii(",\"metaType\":\"").ascii(name(META_TYPES, e.metaType())).write('"');
        out.ascii(",\"metaAllocated\":").ascii(metaAllocated ? "true" : "false");
        out.ascii(",\"reallocated\":").ascii(deleted && metaAllocated ? "true" : "false");
        out.ascii(",\"size\":").decimal(attr != 0 ? Attribute.size(attr) : e.size());
        int mode = e.mode();
        out.ascii(",\"mode\":\"0").ascii(Integer.toOctalString(mode & 07777)).write('"');
        out.ascii(",\"uid\":").unsignedDecimal(e.uid()).ascii(",\"gid\":").unsignedDecimal(e.gid());
        out.ascii(",\"links\":").unsignedDecimal(Integer.toUnsignedLong(e.linkCount()));
        time(e, "mtime", Time.MTIME);
        time(e, "atime", Time.ATIME);
        time(e, "ctime", Time.CTIME);
        time(e, "crtime", Time.CRTIME);
        if (type().isNtfs()) {
            out.ascii(",\"fileNameTimes\":{\"mtime\":");
            value(e, Time.FN_MTIME);
            out.ascii(",\"atime\":");
            value(e, Time.FN_ATIME);
            out.ascii(",\"ctime\":");
            value(e, Time.FN_CTIME);
            out.ascii(",\"crtime\":");
            value(e, Time.FN_CRTIME);
            out.write('}');
        }
        if (e.metaType() == Entry.META_TYPE_LNK && e.linkTarget() != 0) {
            byte[] target = Mem.cString(e.linkTarget());
            out.ascii(",\"symlinkTarget\":");
            Display.writeJson(out, target, 0, target.length);
            out.ascii(",\"symlinkTargetBytes\":\"").write(base64.encode(target)).write('"');
        }
        slot.mark(e, attr, JsonContent::write);
        out.ascii("}\n");
        slot.end();
    }

    private void time(Entry e, String key, Time t) throws IOException {
        out.ascii(",\"").ascii(key).ascii("\":");
        value(e, t);
    }

    /** A time, or null when the file system left it unset (0 seconds and 0 nanoseconds). */
    private void value(Entry e, Time t) throws IOException {
        long seconds = e.seconds(t);
        long nanos = e.nanos(t);
        if (seconds == 0 && nanos == 0) {
            out.ascii("null");
            return;
        }
        out.write('"');
        IsoTime.write(out, seconds, nanos);
        out.write('"');
    }

    private static String name(String[] names, int type) {
        return type >= 0 && type < names.length ? names[type] : "unknown-" + type;
    }
}

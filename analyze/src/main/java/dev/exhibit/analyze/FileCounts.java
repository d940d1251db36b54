package dev.exhibit.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.analyze.fs.DirectoryWalk;
import dev.exhibit.analyze.fs.Entry;
import dev.exhibit.analyze.fs.FileSystem;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;

/**
 * How many names a file system holds, by kind, counted by the same walk {@code exhibit analyze files} does (without
 * {@code .} and {@code ..}, with deleted names, and with the orphans libtsk finds unless told not to search).
 */
final class FileCounts {
    long entries;
    long regularFiles;
    long directories;
    long symlinks;
    long virtual;
    long other;
    long deleted;
    long orphans;

    private FileCounts() {}

    static FileCounts count(FileSystem fs, boolean orphans, FileListing.Progress progress) throws IOException {
        FileCounts c = new FileCounts();
        long orphanDir = fs.lastInode();
        int flags = DirectoryWalk.ALLOC | DirectoryWalk.UNALLOC | DirectoryWalk.RECURSE;
        if (!orphans) {
            flags |= DirectoryWalk.NOORPHAN;
        }
        DirectoryWalk.walk(fs, fs.rootInode(), flags, e -> {
            if (FileListing.isOrphanDirectory(e, orphanDir)) {
                if (orphans) {
                    c.virtual++;
                    c.entries++;
                }
                return true;
            }
            if (e.isDot()) {
                return true;
            }
            c.add(e);
            if (FileListing.isDirectory(e)) {
                progress.directory(e);
            }
            return true;
        });
        return c;
    }

    private void add(Entry e) {
        entries++;
        if (e.nameDeleted()) {
            deleted++;
        }
        if (e.inOrphanDirectory()) {
            orphans++;
        }
        int type = e.hasMeta() ? e.metaType() : -1;
        if (type == Entry.META_TYPE_REG || (type == -1 && e.nameType() == 5)) {
            regularFiles++;
        } else if (FileListing.isDirectory(e)) {
            directories++;
        } else if (type == Entry.META_TYPE_LNK) {
            symlinks++;
        } else if (type == Entry.META_TYPE_VIRT || type == Entry.META_TYPE_VIRT_DIR) {
            virtual++;
        } else {
            other++;
        }
    }

    ObjectNode toJson(boolean orphanSearch) {
        ObjectNode n = Jcs.object();
        n.put("entries", entries);
        n.put("regularFiles", regularFiles);
        n.put("directories", directories);
        n.put("symlinks", symlinks);
        n.put("virtual", virtual);
        n.put("other", other);
        n.put("deleted", deleted);
        n.put("orphans", orphans);
        n.put("orphanSearch", orphanSearch);
        return n;
    }
}

package dev.exhibit.analyze;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link ExportPlaces.Names} kept in memory: the 64-bit hashes of the files and directories an export would have
 * created, in open-addressing tables of {@code long}s.
 */
final class MemoryNames implements ExportPlaces.Names {
    private final Hashes files = new Hashes();
    private final Hashes directories = new Hashes();
    /** The directory of the previous file: most files share it, and its ancestors are known already. */
    private Path lastDirectory;

    @Override
    public boolean directory(Path dir) {
        if (dir.equals(lastDirectory)) {
            return true;
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            if (files.contains(hash(d))) {
                return false;
            }
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            directories.add(hash(d));
        }
        lastDirectory = dir;
        return true;
    }

    @Override
    public boolean taken(Path file) {
        long h = hash(file);
        return files.contains(h) || directories.contains(h);
    }

    @Override
    public void took(Path file) {
        files.add(hash(file));
    }

    /** FNV-1a over the path's UTF-8 bytes, then a 64-bit finaliser (MurmurHash3's) to spread the bits. */
    static long hash(Path p) {
        long h = 0xcbf29ce484222325L;
        for (byte b : p.toString().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** A set of longs; 0 marks an empty slot, so the value 0 is stored as 1. */
    static final class Hashes {
        private long[] slots = new long[1 << 10];
        private int size;

        boolean contains(long v) {
            long key = v == 0 ? 1 : v;
            int mask = slots.length - 1;
            for (int i = (int) key & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == key) {
                    return true;
                }
            }
            return false;
        }

        void add(long v) {
            long key = v == 0 ? 1 : v;
            if (contains(key)) {
                return;
            }
            if (2 * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                Arrays.stream(old).filter(x -> x != 0).forEach(this::insert);
            }
            insert(key);
        }

        private void insert(long key) {
            int mask = slots.length - 1;
            int i = (int) key & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = key;
            size++;
        }
    }
}

package dev.exhibit.analyze.hashset;

import dev.exhibit.core.digest.HashAlgorithm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An external sort of one algorithm's digests: they fill a chunk of at most {@code chunkBytes}; a full chunk is sorted
 * and written to a run file; {@link #finish} merges the runs, the last chunk and any existing key file into a new key
 * file. The heap holds one chunk whatever the number of digests, so importing 20 million costs what importing 2
 * million does.
 */
final class KeySorter {
    private static final int FIRST_CHUNK_BYTES = 1 << 20;
    private static final int RUN_BUFFER_BYTES = 1 << 16;

    private final HashAlgorithm algorithm;
    private final int width;
    private final Path dir;
    private final int maxRecords;
    private final List<Path> runs = new ArrayList<>();
    private byte[] chunk;
    private int filled;
    private long added;

    KeySorter(HashAlgorithm algorithm, Path dir, int chunkBytes) {
        this.algorithm = algorithm;
        this.width = Digests.widthBytes(algorithm);
        this.dir = dir;
        this.maxRecords = Math.max(1, chunkBytes / width);
        this.chunk = new byte[Math.min(FIRST_CHUNK_BYTES / width, maxRecords) * width];
    }

    /** How many digests were given, repeats included. */
    long added() {
        return added;
    }

    void add(byte[] digest) throws IOException {
        if (filled * width == chunk.length) {
            if (filled < maxRecords) {
                chunk = Arrays.copyOf(chunk, Math.min(filled * 2, maxRecords) * width);
            } else {
                spill();
            }
        }
        System.arraycopy(digest, 0, chunk, filled * width, width);
        filled++;
        added++;
    }

    private void spill() throws IOException {
        RecordSort.sort(chunk, filled, width);
        Path run = dir.resolve(algorithm.id() + ".run" + runs.size());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), 1 << 20)) {
            for (int i = 0; i < filled; i++) {
                if (i == 0
                        || Arrays.compareUnsigned(chunk, (i - 1) * width, i * width, chunk, i * width, (i + 1) * width)
                                != 0) {
                    out.write(chunk, i * width, width);
                }
            }
        }
        runs.add(run);
        filled = 0;
    }

    /** Merges everything given, and the keys of {@code existing} (or null), into a new key file at {@code out}. */
    KeyFileWriter.Written finish(Path out, KeyFile existing) throws IOException {
        RecordSort.sort(chunk, filled, width);
        List<Cursor> cursors = new ArrayList<>();
        try {
            cursors.add(new ChunkCursor(chunk, filled, width));
            for (Path run : runs) {
                cursors.add(new RunCursor(run, width));
            }
            if (existing != null) {
                cursors.add(new KeyFileCursor(existing, width));
            }
            PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.key, b.key));
            for (Cursor c : cursors) {
                if (c.next()) {
                    queue.add(c);
                }
            }
            try (KeyFileWriter writer = new KeyFileWriter(out, algorithm)) {
                while (!queue.isEmpty()) {
                    Cursor c = queue.poll();
                    writer.add(c.key);
                    if (c.next()) {
                        queue.add(c);
                    }
                }
                return writer.finish();
            }
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            chunk = new byte[0];
        }
    }

    /** A sorted source of keys; {@link #key} holds the current one after {@link #next} returned true. */
    private abstract static class Cursor implements AutoCloseable {
        final byte[] key;

        Cursor(int width) {
            this.key = new byte[width];
        }

        abstract boolean next() throws IOException;

        @Override
        public void close() throws IOException {}
    }

    private static final class ChunkCursor extends Cursor {
        private final byte[] chunk;
        private final int records;
        private int at;

        ChunkCursor(byte[] chunk, int records, int width) {
            super(width);
            this.chunk = chunk;
            this.records = records;
        }

        @Override
        boolean next() {
            if (at == records) {
                return false;
            }
            System.arraycopy(chunk, at++ * key.length, key, 0, key.length);
            return true;
        }
    }

    private static final class RunCursor extends Cursor {
        private final InputStream in;

        RunCursor(Path run, int width) throws IOException {
            super(width);
            this.in = new BufferedInputStream(Files.newInputStream(run), RUN_BUFFER_BYTES);
        }

        @Override
        boolean next() throws IOException {
            return in.readNBytes(key, 0, key.length) == key.length;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class KeyFileCursor extends Cursor {
        private final KeyFile keys;
        private long at;

        KeyFileCursor(KeyFile keys, int width) {
            super(width);
            this.keys = keys;
        }

        @Override
        boolean next() {
            if (at == keys.count()) {
                return false;
            }
            keys.key(at++, key);
            return true;
        }
    }
}

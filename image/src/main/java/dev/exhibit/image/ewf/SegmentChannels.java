package dev.exhibit.image.ewf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only channels to segment files, opened on first use; a bounded number stay open (sets can hold 14 971). */
final class SegmentChannels implements AutoCloseable {
    static final int MAX_OPEN = 32;

    private final Map<Path, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    synchronized FileChannel channel(Path file) throws IOException {
        FileChannel ch = open.get(file);
        if (ch == null) {
            if (open.size() >= MAX_OPEN) {
                var eldest = open.entrySet().iterator();
                FileChannel old = eldest.next().getValue();
                eldest.remove();
                old.close();
            }
            ch = FileChannel.open(file, StandardOpenOption.READ);
            open.put(file, ch);
        }
        return ch;
    }

    /**
     * Reads exactly {@code len} bytes at {@code offset}; a file that ends first is an EwfFormatException naming the file,
     * the section and where it ends.
     */
    void readFully(Path file, String section, long offset, byte[] dst, int dstOff, int len) throws IOException {
        FileChannel ch = channel(file);
        ByteBuffer b = ByteBuffer.wrap(dst, dstOff, len);
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + (b.position() - dstOff));
            if (n < 0) {
                throw EwfFormatException.at(
                        file,
                        section,
                        offset,
                        "file ends at byte " + (offset + b.position() - dstOff) + ", " + len
                                + " bytes needed from byte " + offset);
            }
        }
    }

    byte[] read(Path file, String section, long offset, int len) throws IOException {
        byte[] b = new byte[len];
        readFully(file, section, offset, b, 0, len);
        return b;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (FileChannel ch : new ArrayList<>(open.values())) {
            try {
                ch.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}

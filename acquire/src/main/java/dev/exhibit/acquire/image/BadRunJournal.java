package dev.exhibit.acquire.image;

import dev.exhibit.acquire.pipeline.BadRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The unreadable sectors inside the bytes handed to the E01, forced to disk before the bytes are. The log names bad
 * ranges only once they end, and the E01 keeps chunks that may run ahead of the log; after a crash, a resume keeps the
 * chunks the E01 holds and must know where their zeros are fills, for error2 and the bad-sector map. Scratch: deleted
 * once the E01 is complete. One line per run: first sector, sector count, sector size, retries, error.
 */
final class BadRunJournal implements AutoCloseable {
    static final String FILE_NAME = ".exhibit-e01-bad-sectors";

    private final Path file;
    private FileChannel channel;

    private BadRunJournal(Path file) {
        this.file = file;
    }

    static BadRunJournal in(Path directory) {
        return new BadRunJournal(directory.resolve(FILE_NAME));
    }

    /** Records {@code runs} durably; called before the bytes holding them go to the E01. */
    synchronized void add(List<BadRun> runs) throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (BadRun r : runs) {
            text.append(r.firstSector())
                    .append(' ')
                    .append(r.sectorCount())
                    .append(' ')
                    .append(r.sectorBytes())
                    .append(' ')
                    .append(r.retries())
                    .append(' ')
                    .append(r.error().replace('\n', ' ').replace('\r', ' '))
                    .append('\n');
        }
        if (channel == null) {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    /**
     * The runs recorded in {@code directory} so far (a line torn by a crash, or one that does not parse, is left out:
     * it was never followed by the bytes it describes).
     */
    static List<BadRun> read(Path directory) throws IOException {
        Path f = directory.resolve(FILE_NAME);
        List<BadRun> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        // lenient decoding: a damaged byte spoils its line, not the journal
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : text.substring(0, end + 1).split("\n")) {
            String[] p = line.split(" ", 5);
            if (p.length < 5) {
                continue;
            }
            try {
                out.add(new BadRun(
                        Long.parseLong(p[0]),
                        Long.parseLong(p[1]),
                        Integer.parseInt(p[2]),
                        p[4],
                        Integer.parseInt(p[3])));
            } catch (IllegalArgumentException e) {
                // not a line this class wrote whole; the bytes it would describe were never appended after it
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Removes the journal once the E01 is complete: error2 and the log hold every bad sector now. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }
}

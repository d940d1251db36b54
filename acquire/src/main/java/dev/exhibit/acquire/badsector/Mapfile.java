package dev.exhibit.acquire.badsector;

import dev.exhibit.core.Invocation;
import dev.exhibit.core.Times;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads and writes GNU ddrescue mapfiles ({@code OUTDIR/badsectors.map}), so that {@code ddrescuelog} and ddrescue can
 * read Exhibit's map and Exhibit can read theirs. Format (ddrescue manual, "Mapfile structure"): {@code #} comments
 * (at the start of a line or after whitespace), a status line {@code current_pos current_status [current_pass]}, then
 * one line {@code pos size status} per block; numbers as C++ integer literals (hex, octal or decimal), the pass in
 * decimal. Blocks must be contiguous and must not overlap.
 */
public final class Mapfile {
    /** The bad-sector map's name in an acquisition's output directory. */
    public static final String FILE_NAME = "badsectors.map";

    private Mapfile() {}

    /**
     * The comment header Exhibit writes: who made the map, how, and when (UTC).
     *
     * @param statusMessage what the rescue is doing, e.g. "Copying non-tried blocks... Pass 1 (forwards)"; null: derived
     *     from the map's position
     */
    public record Header(String createdBy, String commandLine, Instant started, String statusMessage) {
        public static Header of(Invocation invocation) {
            return new Header(invocation.versionLine(), invocation.commandLine(), invocation.started(), null);
        }

        public Header withStatusMessage(String message) {
            return new Header(createdBy, commandLine, started, message);
        }
    }

    /** Reads a mapfile written by Exhibit, ddrescue or ddrescuelog. */
    public static RescueMap read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        return MapfileParser.parse(text, file.toString());
    }

    /** Parses mapfile text; {@code source} names it in error messages. */
    public static RescueMap parse(String text, String source) {
        return MapfileParser.parse(text, source);
    }

    /**
     * Writes the map atomically, as ddrescue does: a temporary file in the same directory is written and fsynced, then
     * renamed over {@code file}, then the directory is fsynced, so a crash leaves either the old map or the new one.
     */
    public static void write(Path file, RescueMap map, Header header) throws IOException {
        byte[] bytes = format(map, header, Instant.now()).getBytes(StandardCharsets.ISO_8859_1);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            // createTempFile makes it 0600; a map is a record others read, like the log beside it.
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** The mapfile text for {@code map}, saved at {@code now}. */
    public static String format(RescueMap map, Header header, Instant now) {
        StringBuilder out = new StringBuilder();
        RescueMap.Position p = map.position();
        out.append("# Mapfile. Created by ")
                .append(printable(header.createdBy()))
                .append('\n');
        out.append("# Command line: ").append(printable(header.commandLine())).append('\n');
        out.append("# Start time:   ").append(Times.utc(header.started())).append('\n');
        out.append("# Current time: ").append(Times.utc(now)).append('\n');
        String message = header.statusMessage() != null ? header.statusMessage() : describe(p);
        out.append("# ").append(printable(message)).append('\n');
        out.append("# current_pos  current_status  current_pass\n");
        out.append(String.format(
                Locale.ROOT,
                "0x%08X     %c               %d\n",
                p.byteOffset(),
                p.phase().symbol(),
                p.pass()));
        out.append("#      pos        size  status\n");
        for (Block b : map.blocks()) {
            out.append(String.format(
                    Locale.ROOT,
                    "0x%08X  0x%08X  %c\n",
                    b.byteOffset(),
                    b.lengthBytes(),
                    b.status().symbol()));
        }
        return out.toString();
    }

    private static String describe(RescueMap.Position p) {
        return switch (p.phase()) {
            case COPYING -> "Copying non-tried blocks... Pass " + p.pass();
            case TRIMMING -> "Trimming failed blocks...";
            case SCRAPING -> "Scraping failed blocks...";
            case RETRYING -> "Retrying bad sectors... Retry " + p.pass();
            case FILLING -> "Filling specified blocks...";
            case GENERATING -> "Generating approximate mapfile...";
            case FINISHED -> "Finished";
        };
    }

    /**
     * A comment must stay on one line: a newline in a command-line argument would otherwise start a line that readers
     * take for data. Control characters and non-ASCII are written as {@code \xNN} (of their UTF-8 bytes).
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return out.toString();
    }
}

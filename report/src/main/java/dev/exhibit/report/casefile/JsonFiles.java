package dev.exhibit.report.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writing and reading the small canonical JSON files of a case ({@code case.json}, {@code record.json}). */
public final class JsonFiles {
    /** Case and record files are small; anything larger is refused rather than read into memory. */
    public static final long MAX_BYTES = 256L << 20;

    private JsonFiles() {}

    /**
     * Writes {@code bytes} to a new file (never over an existing one) and forces it to disk, so that a file a later
     * hash covers is complete before anything refers to it.
     */
    public static void writeNew(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Writes the RFC 8785 canonical bytes of {@code node}, without a trailing newline, to a new file. */
    public static byte[] writeCanonical(Path file, JsonNode node) throws IOException {
        byte[] bytes = Jcs.canonicalBytes(node);
        writeNew(file, bytes);
        return bytes;
    }

    public static byte[] readBounded(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw ExhibitException.evidence(
                    file + " is " + size + " bytes; more than the " + MAX_BYTES + " bytes a case file may hold");
        }
        return Files.readAllBytes(file);
    }

    /** Parses a JSON object, naming the file in the error when it is not one. */
    public static JsonNode readObject(Path file) throws IOException {
        byte[] bytes = readBounded(file);
        JsonNode n;
        try {
            n = Jcs.mapper().readTree(bytes);
        } catch (IOException e) {
            throw ExhibitException.evidence(file + ": not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw ExhibitException.evidence(file + ": not a JSON object");
        }
        return n;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

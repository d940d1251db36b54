package dev.exhibit.analyze.hashset;

import dev.exhibit.core.ExhibitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Recognizes a hash-set file by its content, never its name, and reads it with the reader for its format. */
final class SourceFormat {
    /** How much of a text list is checked for NUL bytes before it is read as text. */
    private static final int SNIFF_BYTES = 4096;

    /** What a file turned out to be. */
    record Read(String format, String detail) {}

    private SourceFormat() {}

    static Read read(Path file, DigestSink sink) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= NsrlReader.SQLITE_MAGIC.length
                && Arrays.equals(
                        head,
                        0,
                        NsrlReader.SQLITE_MAGIC.length,
                        NsrlReader.SQLITE_MAGIC,
                        0,
                        NsrlReader.SQLITE_MAGIC.length)) {
            NsrlReader nsrl = new NsrlReader(file);
            String format = nsrl.read(sink);
            return new Read(format, nsrl.detail());
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                throw ExhibitException.usage(file + " is not a hash list: it holds a NUL byte at byte offset " + i
                        + " (hash lists are text; NSRL RDS v3 is an SQLite database)");
            }
        }
        byte[] signature = HashdeepReader.SIGNATURE.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            LineReader lines = new LineReader(file, in);
            boolean hashdeep = head.length >= signature.length
                    && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
            if (hashdeep) {
                HashdeepReader reader = new HashdeepReader(lines);
                String format = reader.read(sink);
                return new Read(format, reader.detail());
            }
            return new Read(new TextListReader(lines).read(sink), "");
        }
    }
}
